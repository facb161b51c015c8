import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterEach, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../cli-test-support';
import { REPO_ROOT } from '../paths';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('aime mcp (spawned, driven by the MCP SDK client over stdio)', () => {
  it('runs a goal through run_goal with progress, and lists it with list_runs', { timeout: 90_000 }, async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-mcp-cli-')));
    roots.push(root);
    writeFileSync(join(root, 'README.md'), '# Served over MCP\n\nA project handed to AIME by another agent.\n');
    const environment = Object.fromEntries(
      Object.entries(process.env).filter(
        (entry): entry is [string, string] => !entry[0].startsWith('AIME_') && entry[1] !== undefined,
      ),
    );
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: ['--import', 'tsx', 'apps/cli/src/main.ts', 'mcp', '--workspace', root],
      cwd: REPO_ROOT,
      env: { ...environment, AIME_TRACES_DIR: join(root, 'traces') },
      stderr: 'pipe',
    });
    const client = new Client({ name: 'aime-mcp-cli-test', version: '1.0.0' });
    try {
      await client.connect(transport, { timeout: 30_000 });
      expect(client.getServerVersion()?.name).toBe('gepa-aime');
      const progress: string[] = [];
      const result = await client.callTool(
        { name: 'run_goal', arguments: { goal: 'Read README.md and summarise it', maxIterations: 3 } },
        undefined,
        { onprogress: (update) => progress.push(update.message ?? ''), timeout: 60_000 },
      );
      const content = result.content as Array<{ text: string }>;
      expect(content[0]?.text).toMatch(/^Run run-\S+ completed\./);
      expect(content[0]?.text).toContain('Served over MCP');
      // Progress while it ran. Its last notification may lose the race with the result inside the
      // SDK's client (run-goal-tool.ts says why), so "run completed" is last when it arrives at all.
      expect(progress[0]).toMatch(/^run started/);
      expect(progress.some((message) => /^task \S+ started: /.test(message))).toBe(true);
      expect(progress.slice(0, -1)).not.toContain('run completed');
      const listed = await client.callTool({ name: 'list_runs', arguments: {} });
      expect(JSON.parse((listed.content as Array<{ text: string }>)[0]?.text ?? '{}').runs).toHaveLength(1);
    } finally {
      await client.close();
    }
  });

  it('prints its help', async () => {
    const { code, stdout } = await runCliCaptured(['mcp', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Serves GEPA-AIME as an MCP server on stdin/stdout');
  });
});
