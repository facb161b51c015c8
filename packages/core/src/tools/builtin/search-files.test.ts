import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { executeToolCall } from '../registry/execute-tool-call';
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

  it('keeps the event loop free with a backtracking-killer glob (main blocked it for 58 s)', async () => {
    await writeFile(join(workspace.root, 'a'.repeat(40)), 'planner\n');
    let longestGapMs = 0;
    let last = performance.now();
    const heartbeat = setInterval(() => {
      const now = performance.now();
      longestGapMs = Math.max(longestGapMs, now - last);
      last = now;
    }, 20);
    try {
      const result = await executeToolCall(
        searchFilesTool,
        { query: 'planner', glob: '*a*a*a*a*a*a*a*a*a*a*b' },
        workspace.context(),
        { timeoutMs: 5_000 },
      );
      expect(result).toMatchObject({ ok: true });
      expect(result.output).toContain('No matches');
    } finally {
      clearInterval(heartbeat);
    }
    // A liveness bound (the tool timeout), not a speed target.
    expect(longestGapMs).toBeLessThan(5_000);
  });

  it('refuses an over-wild glob with a message the model can act on', async () => {
    const result = await search({ query: 'planner', glob: '*a'.repeat(20) });
    expect(result).toMatchObject({ ok: false, errorCode: 'invalid_glob' });
    expect(result.output).toContain('at most 16 are allowed');
  });
});
