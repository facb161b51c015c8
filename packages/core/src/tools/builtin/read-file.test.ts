import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { READ_FILE_MAX_BYTES, readFileTool } from './read-file';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
});
afterEach(() => workspace.cleanup());

const read = (args: unknown) => executeToolCall(readFileTool, args, workspace.context());

describe('read_file', () => {
  it('returns the text and the file as reference', async () => {
    await writeFile(join(workspace.root, 'README.md'), '# Title\r\nSecond line\nÜnïcødé ✓\n');
    const result = await read({ path: 'README.md' });
    expect(result).toMatchObject({ ok: true, output: '# Title\nSecond line\nÜnïcødé ✓', references: ['README.md'] });
  });

  it('pages by lines with offset and limit and says how to continue', async () => {
    const lines = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`);
    await writeFile(join(workspace.root, 'lines.txt'), `${lines.join('\n')}\n`);
    const first = await read({ path: 'lines.txt', limit: 3 });
    expect(first.output).toBe(
      'line 1\nline 2\nline 3\n[truncated at the limit of 3 lines: showed lines 1-3 of lines.txt; call read_file with offset=4 to continue]',
    );
    const last = await read({ path: 'lines.txt', offset: 9 });
    expect(last.output).toBe('line 9\nline 10');
    const past = await read({ path: 'lines.txt', offset: 50 });
    expect(past.output).toBe('lines.txt has 10 lines; offset 50 is past the end');
  });

  it('caps the bytes returned at 256 KiB and tells the model', async () => {
    const line = `${'x'.repeat(1023)}\n`;
    await writeFile(join(workspace.root, 'big.txt'), line.repeat(300));
    const result = await read({ path: 'big.txt', limit: 10_000 });
    expect(result.ok).toBe(true);
    const shown = result.output.split('\n').filter((text) => text.startsWith('x'));
    expect(shown).toHaveLength(READ_FILE_MAX_BYTES / 1024);
    expect(result.output).toContain(
      '[truncated at the 256.0 KiB cap: showed lines 1-256 of big.txt; call read_file with offset=257',
    );
  });

  it('splits a single line longer than the cap so that paging still advances', async () => {
    await writeFile(join(workspace.root, 'minified.js'), 'y'.repeat(READ_FILE_MAX_BYTES * 2));
    const first = await read({ path: 'minified.js' });
    expect(first.output).toContain('offset=2');
    const second = await read({ path: 'minified.js', offset: 2 });
    expect(second.output.startsWith('y')).toBe(true);
    expect(second.output).toContain('offset=3');
  });

  it('refuses binary files, directories and missing files with clear errors', async () => {
    await writeFile(join(workspace.root, 'image.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    expect(await read({ path: 'image.png' })).toMatchObject({ ok: false, errorCode: 'binary_file' });
    expect(await read({ path: '.' })).toMatchObject({ ok: false, errorCode: 'not_a_file' });
    const missing = await read({ path: 'nope.md' });
    expect(missing).toMatchObject({ ok: false, errorCode: 'path_not_found' });
    expect(missing.error).toContain('nope.md');
  });

  it('reads an empty file and says so', async () => {
    await writeFile(join(workspace.root, 'empty.txt'), '');
    expect((await read({ path: 'empty.txt' })).output).toBe('empty.txt is empty');
  });
});
