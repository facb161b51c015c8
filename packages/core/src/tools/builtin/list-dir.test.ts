import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { LIST_DIR_MAX_ENTRIES, listDirTool } from './list-dir';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  const root = workspace.root;
  await mkdir(join(root, 'packages', 'core', 'src'), { recursive: true });
  await mkdir(join(root, 'node_modules', 'zod'), { recursive: true });
  await mkdir(join(root, '.git'));
  await writeFile(join(root, 'README.md'), 'hello');
  await writeFile(join(root, '.env'), 'SECRET=1');
  await writeFile(join(root, 'packages', 'core', 'package.json'), '{}');
  await symlink(join(root, 'README.md'), join(root, 'readme-link'));
});
afterEach(() => workspace.cleanup());

const list = (args: unknown) => executeToolCall(listDirTool, args, workspace.context());

describe('list_dir', () => {
  it('lists the root with types and sizes, directories first, hidden entries skipped', async () => {
    const result = await list({});
    expect(result.ok).toBe(true);
    expect(result.output).toBe(
      [
        'Directory . (4 entries):',
        '[dir] node_modules/',
        '[dir] packages/',
        '[link] readme-link',
        '[file] README.md (5 B)',
      ].join('\n'),
    );
    expect(result.references).toEqual(['.']);
  });

  it('descends up to the requested depth but never into node_modules or .git', async () => {
    const result = await list({ depth: 3, includeHidden: true });
    expect(result.output.split('\n')).toEqual([
      'Directory . (9 entries, depth 3):',
      '[dir] .git/ (contents skipped)',
      '[dir] node_modules/ (contents skipped)',
      '[dir] packages/',
      '  [dir] core/',
      '    [dir] src/',
      '    [file] package.json (2 B)',
      '[file] .env (8 B)',
      '[link] readme-link',
      '[file] README.md (5 B)',
    ]);
  });

  it('lists a subdirectory and rejects files, depth over 3 and paths outside', async () => {
    expect((await list({ path: 'packages/core' })).output).toBe(
      'Directory packages/core (2 entries):\n[dir] src/\n[file] package.json (2 B)',
    );
    expect(await list({ path: 'README.md' })).toMatchObject({ ok: false, errorCode: 'not_a_directory' });
    const deep = await list({ depth: 4 });
    expect(deep).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(deep.error).toContain('depth');
    expect(await list({ path: '..' })).toMatchObject({ ok: false, errorCode: 'path_outside_workspace' });
  });

  it('caps the number of entries', async () => {
    const many = join(workspace.root, 'many');
    await mkdir(many);
    await Promise.all(
      Array.from({ length: LIST_DIR_MAX_ENTRIES + 20 }, (_, index) => writeFile(join(many, `f${index}.txt`), '')),
    );
    const result = await list({ path: 'many' });
    expect(result.output.split('\n').filter((line) => line.startsWith('[file]'))).toHaveLength(LIST_DIR_MAX_ENTRIES);
    expect(result.output).toContain(`[truncated at ${LIST_DIR_MAX_ENTRIES} entries`);
  });
});
