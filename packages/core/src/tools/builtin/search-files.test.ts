import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executeToolCall } from '../registry/execute-tool-call';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../test-support/temporary-workspace';
import { globToRegex } from './glob-to-regex';
import { searchFilesTool } from './search-files';
import { SEARCH_MAX_FILE_BYTES } from './walk-text-files';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  const root = workspace.root;
  await mkdir(join(root, 'docs'));
  await mkdir(join(root, 'src', 'deep'), { recursive: true });
  await mkdir(join(root, 'node_modules', 'pkg'), { recursive: true });
  await writeFile(join(root, 'README.md'), '# Project\nThe Planner decides.\n');
  await writeFile(join(root, 'docs', 'guide.md'), 'intro\nthe planner again\nend\n');
  await writeFile(join(root, 'src', 'deep', 'planner.ts'), 'export const planner = 1;\n');
  await writeFile(join(root, 'node_modules', 'pkg', 'index.js'), 'planner in a dependency\n');
  await writeFile(join(root, '.hidden.md'), 'planner hidden\n');
  await writeFile(join(root, 'binary.bin'), Buffer.from([0, 1, 2, 112, 108, 97, 110, 110, 101, 114]));
  await writeFile(join(root, 'big.txt'), `planner\n${'a'.repeat(SEARCH_MAX_FILE_BYTES)}`);
  await writeFile(join(workspace.outside, 'leak.md'), 'planner outside\n');
  await symlink(workspace.outside, join(root, 'outside-link'));
});
afterEach(() => workspace.cleanup());

const search = (args: unknown) => executeToolCall(searchFilesTool, args, workspace.context());

describe('search_files', () => {
  it('finds case-insensitive plain text as path:line: text, skipping hidden, dependencies, binaries, big files and symlinks', async () => {
    const result = await search({ query: 'PLANNER' });
    expect(result.output).toBe(
      [
        '3 matches for "PLANNER" in 3 files:',
        'README.md:2: The Planner decides.',
        'docs/guide.md:2: the planner again',
        'src/deep/planner.ts:1: export const planner = 1;',
      ].join('\n'),
    );
    expect(result.references).toEqual(['README.md', 'docs/guide.md', 'src/deep/planner.ts']);
  });

  it('narrows by path and glob and treats the query literally', async () => {
    expect((await search({ query: 'planner', path: 'docs' })).output).toBe(
      '1 match for "planner" in 1 file:\ndocs/guide.md:2: the planner again',
    );
    expect((await search({ query: 'planner', glob: '*.ts' })).references).toEqual(['src/deep/planner.ts']);
    expect((await search({ query: 'planner', glob: 'src/**/*.{ts,js}' })).references).toEqual(['src/deep/planner.ts']);
    expect((await search({ query: 'plan.er' })).output).toBe('No matches for "plan.er" in .');
  });

  it('stops at maxResults and says so', async () => {
    const result = await search({ query: 'planner', maxResults: 1 });
    expect(result.output).toBe(
      '1 match for "planner" in 1 file:\nREADME.md:2: The Planner decides.\n[stopped at 1 results; narrow the query, path or glob]',
    );
  });

  it('rejects an empty query, a file as path and paths outside', async () => {
    expect(await search({ query: '' })).toMatchObject({ ok: false, errorCode: 'invalid_arguments' });
    expect(await search({ query: 'x', path: 'README.md' })).toMatchObject({ ok: false, errorCode: 'not_a_directory' });
    expect(await search({ query: 'planner', path: 'outside-link' })).toMatchObject({
      ok: false,
      errorCode: 'path_outside_workspace',
    });
  });
});

describe('globToRegex', () => {
  it.each([
    ['*.md', 'README.md', true],
    ['*.md', 'docs/guide.md', true],
    ['*.md', 'docs/guide.mdx', false],
    ['docs/*.md', 'docs/guide.md', true],
    ['docs/*.md', 'docs/a/guide.md', false],
    ['src/**/*.ts', 'src/a/b/c.ts', true],
    ['src/**/*.ts', 'src/c.ts', true],
    ['file?.txt', 'file1.txt', true],
    ['*.{ts,tsx}', 'app.tsx', true],
    ['a+b.txt', 'a+b.txt', true],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegex(glob).test(path)).toBe(expected);
  });
});
