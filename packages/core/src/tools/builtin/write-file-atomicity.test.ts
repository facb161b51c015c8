import { link, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { APPEND_TARGET_MAX_BYTES, WRITE_FILE_MAX_BYTES, writeFileTool } from './write-file';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
});
afterEach(() => workspace.cleanup());

const write = (args: unknown) => executeToolCall(writeFileTool, args, workspace.context());

describe('write_file writes a new file and renames it over the old one', () => {
  it('after a write through one hard-link name, the other names (inside and outside the workspace) are untouched', async () => {
    const target = join(workspace.root, 'shared.txt');
    const insideName = join(workspace.root, 'other-name.txt');
    const outsideName = join(workspace.outside, 'hard-link.txt');
    await writeFile(target, 'original\n');
    await link(target, insideName);
    await link(target, outsideName);
    const inodeBefore = (await stat(target)).ino;

    expect(await write({ path: 'shared.txt', content: 'replaced\n' })).toMatchObject({ ok: true });
    expect(await write({ path: 'shared.txt', content: 'appended\n', append: true })).toMatchObject({ ok: true });

    expect(await readFile(target, 'utf8')).toBe('replaced\nappended\n');
    expect(await readFile(insideName, 'utf8')).toBe('original\n');
    expect(await readFile(outsideName, 'utf8')).toBe('original\n');
    expect((await stat(target)).ino).not.toBe(inodeBefore);
    expect((await stat(outsideName)).nlink).toBe(2);
  });

  it('a reader never sees a half-written file: only the whole old or the whole new content', async () => {
    const path = join(workspace.root, 'big.txt');
    const oldContent = 'o'.repeat(WRITE_FILE_MAX_BYTES);
    const newContent = 'n'.repeat(WRITE_FILE_MAX_BYTES);
    await writeFile(path, oldContent);
    const seen = new Map<string, number>();
    for (let round = 0; round < 4; round += 1) {
      const content = round % 2 === 0 ? newContent : oldContent;
      let finished = false;
      const writing = write({ path: 'big.txt', content }).finally(() => {
        finished = true;
      });
      for (let reads = 0; !finished && reads < 2_000; reads += 1) {
        const read = await readFile(path, 'utf8');
        const kind = read === oldContent ? 'old' : read === newContent ? 'new' : `partial (${read.length} chars)`;
        seen.set(kind, (seen.get(kind) ?? 0) + 1);
      }
      expect(await writing).toMatchObject({ ok: true });
      expect(await readFile(path, 'utf8')).toBe(content);
    }
    expect([...seen.keys()].filter((kind) => kind.startsWith('partial'))).toEqual([]);
    expect(await readdir(workspace.root)).toEqual(['big.txt']);
  });
});

describe('write_file size limits', () => {
  it('accepts exactly 1 MiB (counted in UTF-8 bytes) and refuses one byte more', async () => {
    const exact = 'é'.repeat(WRITE_FILE_MAX_BYTES / 2);
    expect(Buffer.byteLength(exact)).toBe(WRITE_FILE_MAX_BYTES);
    expect(await write({ path: 'exact.txt', content: exact })).toMatchObject({ ok: true });
    expect((await stat(join(workspace.root, 'exact.txt'))).size).toBe(WRITE_FILE_MAX_BYTES);

    const over = await write({ path: 'over.txt', content: `${exact}x` });
    expect(over).toMatchObject({ ok: false, errorCode: 'content_too_large' });
    expect(over.error).toContain(
      'The content is 1.0 MiB; write_file accepts at most 1.0 MiB per call (use append for more)',
    );
    expect(await readdir(workspace.root)).toEqual(['exact.txt']);
  });

  it('appends to a file of exactly 16 MiB, refuses a larger one and leaves it unchanged', async () => {
    const path = join(workspace.root, 'log.txt');
    await writeFile(path, 'a'.repeat(APPEND_TARGET_MAX_BYTES + 1));
    const refused = await write({ path: 'log.txt', content: 'more', append: true });
    expect(refused).toMatchObject({ ok: false, errorCode: 'file_too_large' });
    expect(refused.error).toContain('log.txt is larger than 16.0 MiB; cannot append');
    expect((await stat(path)).size).toBe(APPEND_TARGET_MAX_BYTES + 1);

    await truncate(path, APPEND_TARGET_MAX_BYTES);
    expect(await write({ path: 'log.txt', content: 'more', append: true })).toMatchObject({ ok: true });
    expect((await stat(path)).size).toBe(APPEND_TARGET_MAX_BYTES + 4);
    expect((await readFile(path, 'utf8')).endsWith('aaaamore')).toBe(true);
  });
});
