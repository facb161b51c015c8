import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadToolBundles } from './load-config';
import { WORKSPACE_PLACEHOLDER } from './mcp-bundle-config';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function load(bundles: unknown): ReturnType<typeof loadToolBundles> {
  const directory = mkdtempSync(join(tmpdir(), 'aime-mcp-config-'));
  directories.push(directory);
  writeFileSync(join(directory, 'tool_bundles.json'), JSON.stringify(bundles));
  return loadToolBundles(directory);
}

describe('MCP bundles in tool_bundles.json', () => {
  it('loads stdio and Streamable HTTP servers next to ordinary bundles', () => {
    const bundles = load({
      default: ['read_file', { name: 'write_file', approval: 'always' }],
      git: {
        name: 'git',
        description: 'Git repository tools',
        mcp: { command: 'uvx', args: ['mcp-server-git'], env: { GIT_AUTHOR_NAME: 'aime' }, cwd: 'servers' },
        approval: { git_commit: 'always' },
      },
      remote: { mcp: { url: 'http://127.0.0.1:9000/mcp', headers: { authorization: 'Bearer x' } }, approval: 'never' },
    });
    expect(bundles.default?.tools[1]).toEqual({ name: 'write_file', approval: 'always' });
    expect(bundles.git).toMatchObject({
      name: 'git',
      description: 'Git repository tools',
      tools: [],
      mcp: { command: 'uvx', args: ['mcp-server-git'], env: { GIT_AUTHOR_NAME: 'aime' } },
      approval: { git_commit: 'always' },
    });
    const gitServer = bundles.git?.mcp as { cwd: string };
    expect(gitServer.cwd).toBe(join(directories[0] as string, 'servers'));
    expect(bundles.remote?.mcp).toEqual({ url: 'http://127.0.0.1:9000/mcp', headers: { authorization: 'Bearer x' } });
    expect(bundles.remote?.approval).toBe('never');
  });

  it('accepts the { "bundles": {…} } shape and keeps the workspace placeholder in cwd for the server to fill in', () => {
    const bundles = load({ bundles: { fs: { mcp: { command: 'node', cwd: `${WORKSPACE_PLACEHOLDER}/sub` } } } });
    expect(bundles.fs?.mcp).toEqual({ command: 'node', args: [], env: {}, cwd: `${WORKSPACE_PLACEHOLDER}/sub` });
  });

  it.each([
    [{ bad__name: { mcp: { command: 'x' } } }, /MCP bundle "bad__name": the name prefixes its tools/],
    [{ git: { name: 'other', mcp: { command: 'x' } } }, /MCP bundle "git": name "other" differs from its key/],
    [{ git: { mcp: { command: '' } } }, /tool_bundles\.json: /],
    [{ git: { mcp: { url: 'ftp://example.org/mcp' } } }, /tool_bundles\.json: /],
    [{ git: { mcp: { command: 'x', env: { A: 1 } } } }, /tool_bundles\.json: /],
    [{ git: { mcp: { command: 'x' }, approval: 'sometimes' } }, /tool_bundles\.json: /],
  ])('refuses %j', (bundles, message) => {
    expect(() => load(bundles)).toThrow(message);
  });
});
