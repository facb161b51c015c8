import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
import { findFilesTool } from './find-files';

let workspace: TemporaryWorkspace;

async function put(path: string, text = 'x'): Promise<void> {
  await mkdir(dirname(join(workspace.root, path)), { recursive: true });
  await writeFile(join(workspace.root, path), text);
}

beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  await put('README.md');
  await put('index.ts');
  await put('packages/core/src/a.ts');
  await put('packages/core/src/deep/er/b.tsx');
  await put('packages/core/package.json', '{}');
  await put('apps/cli/src/main.ts');
  await put('apps/cli/dist/main.js');
  await put('apps/cli/dist/main.d.ts');
  await put('node_modules/zod/index.ts');
  await put('.hidden/c.ts');
  await put('.git/hooks/d.ts');
  await writeFile(join(workspace.outside, 'outside.ts'), 'x');
  await symlink(workspace.outside, join(workspace.root, 'linked-out'));
  await symlink(join(workspace.root, 'index.ts'), join(workspace.root, 'link.ts'));
});
afterEach(() => workspace.cleanup());

const find = (args: unknown) => executeToolCall(findFilesTool, args, workspace.context());

describe('find_files', () => {
  it('counts every matching file at any depth, with per-folder counts, skipping hidden, node_modules, .git, dist and symlinks', async () => {
    const result = await find({ glob: '**/*.{ts,tsx}' });
    expect(result.ok).toBe(true);
    const lines = result.output.split('\n');
    expect(lines[0]).toMatch(
      /^Found 4 files matching "\*\*\/\*\.\{ts,tsx\}" in \. \(\d+ folders walked; not counted: /,
    );
    expect(lines[1]).toBe('By folder: packages/ 2, (top level) 1, apps/ 1');
    expect(lines.slice(2)).toEqual([
      'index.ts',
      'apps/cli/src/main.ts',
      'packages/core/src/a.ts',
      'packages/core/src/deep/er/b.tsx',
    ]);
    expect(result.output).not.toContain('outside.ts');
  });

  it('walks a sub-folder and shows paths from the workspace root; a name glob matches at any depth', async () => {
    const result = await find({ path: 'packages', glob: 'package.json' });
    expect(result.output.split('\n')).toEqual([
      expect.stringMatching(/^Found 1 file matching "package.json" in packages /),
      'By folder: core/ 1',
      'packages/core/package.json',
    ]);
  });

  it('always gives the full count, showing only maxResults paths', async () => {
    const result = await find({ maxResults: 2 });
    expect(result.output).toMatch(/^Found 6 files in \./);
    expect(result.output).toContain('[showing 2 of 6;');
    expect(result.output.split('\n').filter((line) => !line.startsWith('[') && !line.startsWith('Found'))).toHaveLength(
      3,
    );
  });

  it('refuses paths outside the workspace, through symlinks, and files', async () => {
    for (const path of ['..', '../outside', workspace.outside, 'linked-out']) {
      const result = await find({ path });
      expect(result.ok, path).toBe(false);
      expect(result.output).not.toContain('outside.ts');
    }
    const file = await find({ path: 'README.md' });
    expect(file.ok).toBe(false);
    expect(file.output).toContain('not_a_directory');
  });

  it('refuses an unbounded glob', async () => {
    const result = await find({ glob: '*'.repeat(40) });
    expect(result.ok).toBe(false);
    expect(result.output).toContain('invalid_glob');
  });
});
