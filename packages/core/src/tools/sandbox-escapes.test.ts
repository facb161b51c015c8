import { execFileSync } from 'node:child_process';
import { mkdir, readdir, symlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../testing/temporary-workspace';
import { createBuiltinRegistry } from './registry/create-builtin-registry';
import { executeToolCall } from './registry/execute-tool-call';

/**
 * The escape corpus: every attempt to read, list, search or write outside the workspace through the
 * real tools must come back as a clear `ok: false` observation, and nothing outside may change.
 */
let workspace: TemporaryWorkspace;
let before: Record<string, string>;
const registry = createBuiltinRegistry();
const SANDBOX_CODES = new Set([
  'path_outside_workspace',
  'path_invalid',
  'path_too_long',
  'path_protected',
  'symlink_write',
  'symlink_dangling',
  'special_file',
]);

beforeAll(async () => {
  workspace = await createTemporaryWorkspace();
  const root = workspace.root;
  await mkdir(join(root, 'notes'));
  await symlink(join(workspace.outside, 'secret.txt'), join(root, 'secret-link.txt'));
  await symlink(workspace.outside, join(root, 'outside-dir'));
  await symlink(workspace.outside, join(root, 'parent-link'));
  await symlink(join(workspace.outside, 'created-by-attack.txt'), join(root, 'dangling.txt'));
  await symlink('/dev/zero', join(root, 'zero'));
  await mkdir(join(root, '.git', 'hooks'), { recursive: true });
  execFileSync('mkfifo', [join(root, 'pipe')]);
  before = await workspace.snapshotOutside();
});
afterAll(() => workspace.cleanup());

type Attempt = [kind: string, tool: string, args: () => Record<string, unknown>];

const attempts: Attempt[] = [
  ['dot-dot write', 'write_file', () => ({ path: '../outside/pwned.txt', content: 'pwned' })],
  ['dot-dot read', 'read_file', () => ({ path: '../outside/secret.txt' })],
  ['nested dot-dot', 'write_file', () => ({ path: 'notes/../../outside/pwned.txt', content: 'pwned' })],
  ['absolute system path', 'read_file', () => ({ path: '/etc/passwd' })],
  ['absolute path outside', 'write_file', () => ({ path: join(workspace.outside, 'pwned.txt'), content: 'pwned' })],
  [
    'absolute sibling sharing the prefix',
    'write_file',
    () => ({ path: join(workspace.sibling, 'pwned.txt'), content: 'x' }),
  ],
  ['relative sibling sharing the prefix', 'read_file', () => ({ path: '../workspace-sibling/secret.txt' })],
  ['symlinked file read', 'read_file', () => ({ path: 'secret-link.txt' })],
  ['symlinked file overwrite', 'write_file', () => ({ path: 'secret-link.txt', content: 'pwned' })],
  ['symlinked directory read', 'read_file', () => ({ path: 'outside-dir/secret.txt' })],
  ['symlinked directory listing', 'list_dir', () => ({ path: 'outside-dir' })],
  ['symlinked directory search', 'search_files', () => ({ query: 'secret', path: 'outside-dir' })],
  ['symlinked directory count', 'find_files', () => ({ path: 'outside-dir' })],
  ['symlinked parent for write', 'write_file', () => ({ path: 'parent-link/new/pwned.txt', content: 'pwned' })],
  ['write through a dangling symlink', 'write_file', () => ({ path: 'dangling.txt', content: 'pwned' })],
  ['append through a dangling symlink', 'write_file', () => ({ path: 'dangling.txt', content: 'x', append: true })],
  ['NUL byte', 'write_file', () => ({ path: 'notes/a.txt\u0000/../../../outside/pwned.txt', content: 'pwned' })],
  ['percent-encoded traversal', 'write_file', () => ({ path: '%2e%2e%2foutside%2fpwned.txt', content: 'pwned' })],
  ['mixed-case percent encoding', 'read_file', () => ({ path: '%2E%2E/outside/secret.txt' })],
  ['backslash traversal', 'write_file', () => ({ path: '..\\..\\outside\\pwned.txt', content: 'pwned' })],
  ['very long path', 'write_file', () => ({ path: `${'deep/'.repeat(1000)}pwned.txt`, content: 'pwned' })],
  ['overlong file name', 'write_file', () => ({ path: `${'n'.repeat(300)}.txt`, content: 'pwned' })],
  ['home directory', 'read_file', () => ({ path: '~/.ssh/id_rsa' })],
  [
    'git hook (code execution)',
    'write_file',
    () => ({ path: '.git/hooks/pre-commit', content: '#!/bin/sh\necho pwned' }),
  ],
  ['device through a symlink', 'read_file', () => ({ path: 'zero' })],
  ['FIFO (would block)', 'read_file', () => ({ path: 'pipe' })],
  ['listing the parent', 'list_dir', () => ({ path: '..' })],
  ['searching the parent', 'search_files', () => ({ query: 'secret', path: '..' })],
  ['counting the parent', 'find_files', () => ({ path: '..', glob: '**/*.txt' })],
];

describe('tool sandbox escapes', () => {
  it.each(attempts)('%s (%s) is refused with a clear observation', async (_kind, toolName, args) => {
    const tool = registry.get(toolName);
    if (!tool) throw new Error(`no tool ${toolName}`);
    const result = await executeToolCall(tool, JSON.stringify(args()), workspace.context(), { timeoutMs: 5000 });
    expect(result.ok).toBe(false);
    expect(SANDBOX_CODES.has(result.errorCode ?? '')).toBe(true);
    expect(result.error).toMatch(
      /outside the workspace|symbolic link|NUL byte|percent-encoded|backslash|longer than|home directory|\.git|device, socket or pipe/,
    );
    expect(result.output).toBe(result.error);
    expect(result.references).toEqual([]);
    expect(await workspace.snapshotOutside()).toEqual(before);
  });

  it('covers at least ten kinds of escape and leaves nothing new next to the workspace', async () => {
    expect(attempts.length).toBeGreaterThanOrEqual(10);
    expect(await workspace.snapshotOutside()).toEqual(before);
    expect((await readdir(dirname(workspace.root))).sort()).toEqual(['outside', 'workspace', 'workspace-sibling']);
    expect(await readdir(join(workspace.root, '.git', 'hooks'))).toEqual([]);
  });
});
