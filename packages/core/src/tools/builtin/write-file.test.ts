import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { WRITE_FILE_MAX_BYTES, writeFileTool } from './write-file';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
});
afterEach(() => workspace.cleanup());

const write = (args: unknown) => executeToolCall(writeFileTool, args, workspace.context());

describe('write_file', () => {
  it('creates parent directories and writes the file', async () => {
    const result = await write({ path: 'notes/deep/summary.md', content: '# Summary\nÅ ✓\n' });
    expect(result).toMatchObject({ ok: true, references: ['notes/deep/summary.md'] });
    expect(result.output).toBe('Created notes/deep/summary.md (17 B written)');
    expect(await readFile(join(workspace.root, 'notes/deep/summary.md'), 'utf8')).toBe('# Summary\nÅ ✓\n');
  });

  it('replaces and appends, keeping the file mode, and leaves no temporary files behind', async () => {
    await writeFile(join(workspace.root, 'log.txt'), 'one\n');
    await chmod(join(workspace.root, 'log.txt'), 0o600);
    expect((await write({ path: 'log.txt', content: 'two\n', append: true })).output).toBe(
      'Appended log.txt (4 B written, file is now 8 B)',
    );
    expect(await readFile(join(workspace.root, 'log.txt'), 'utf8')).toBe('one\ntwo\n');
    expect((await stat(join(workspace.root, 'log.txt'))).mode & 0o777).toBe(0o600);
    expect((await write({ path: 'log.txt', content: 'fresh' })).output).toBe('Replaced log.txt (5 B written)');
    expect(await readFile(join(workspace.root, 'log.txt'), 'utf8')).toBe('fresh');
    expect((await write({ path: 'new.txt', content: 'x', append: true })).output).toBe('Created new.txt (1 B written)');
    expect((await readdir(workspace.root)).sort()).toEqual(['log.txt', 'new.txt']);
  });

  it('refuses content over 1 MiB without touching the file', async () => {
    const result = await write({ path: 'huge.txt', content: 'z'.repeat(WRITE_FILE_MAX_BYTES + 1) });
    expect(result).toMatchObject({ ok: false, errorCode: 'content_too_large' });
    expect(result.error).toContain('1.0 MiB');
    expect(await readdir(workspace.root)).toEqual([]);
  });

  it('refuses directories, the root, symlinks (even inside) and .git', async () => {
    await mkdir(join(workspace.root, 'dir'));
    await writeFile(join(workspace.root, 'target.txt'), 'original');
    await symlink(join(workspace.root, 'target.txt'), join(workspace.root, 'link.txt'));
    expect(await write({ path: 'dir', content: 'x' })).toMatchObject({ ok: false, errorCode: 'not_a_file' });
    expect(await write({ path: '.', content: 'x' })).toMatchObject({ ok: false, errorCode: 'not_a_file' });
    expect(await write({ path: 'link.txt', content: 'x' })).toMatchObject({ ok: false, errorCode: 'symlink_write' });
    expect(await write({ path: '.git/config', content: 'x' })).toMatchObject({
      ok: false,
      errorCode: 'path_protected',
    });
    expect(await readFile(join(workspace.root, 'target.txt'), 'utf8')).toBe('original');
  });

  it('refuses to append text to a binary file', async () => {
    await writeFile(join(workspace.root, 'data.bin'), Buffer.from([0, 1, 2, 3]));
    expect(await write({ path: 'data.bin', content: 'x', append: true })).toMatchObject({
      ok: false,
      errorCode: 'binary_file',
    });
    expect(await readFile(join(workspace.root, 'data.bin'))).toEqual(Buffer.from([0, 1, 2, 3]));
  });

  it('requires path and content', async () => {
    const result = await write({ path: 'a.txt' });
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(result.error).toContain('content');
  });
});
