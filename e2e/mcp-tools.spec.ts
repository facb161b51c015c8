import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { connection, launchGoal, longTimeout, runStatus } from './support/dashboard';
import { isolatedConfigDirectory } from './support/isolated-config';
import { freePort, repoRoot, type ServerInstance, startServer, stopProcess } from './support/processes';

const GOAL = "Echo 'hello from the browser' with the everything server";
let server: ServerInstance | undefined;

/**
 * A server whose tool_bundles.json adds `everything` (@modelcontextprotocol/server-everything over
 * stdio, core's dev dependency) and asks before every call (AIME_APPROVAL=all).
 */
test.beforeAll(async () => {
  const tracesDirectory = mkdtempSync(join(tmpdir(), 'aime-e2e-mcp-'));
  const workspace = mkdtempSync(join(tmpdir(), 'aime-e2e-mcp-workspace-'));
  writeFileSync(join(workspace, 'README.md'), '# MCP demo\n');
  const config = isolatedConfigDirectory(tracesDirectory);
  const bundlesFile = join(config, 'tool_bundles.json');
  const bundles = JSON.parse(readFileSync(bundlesFile, 'utf8')) as Record<string, unknown>;
  const script = createRequire(join(repoRoot, 'packages', 'core', 'package.json')).resolve(
    '@modelcontextprotocol/server-everything/dist/index.js',
  );
  bundles.everything = {
    description: 'The MCP test server',
    mcp: { command: process.execPath, args: [script, 'stdio'], env: {} },
  };
  writeFileSync(bundlesFile, JSON.stringify(bundles, null, 2));
  server = await startServer(await freePort(), {
    AIME_APPROVAL: 'all',
    AIME_TRACES_DIR: tracesDirectory,
    AIME_CONFIG_DIR: config,
    AIME_WORKSPACE: workspace,
    AIME_PROVIDER: 'offline',
  });
});

test.afterAll(async () => {
  await stopProcess(server?.process);
});

test('an MCP tool call shows which bundle it came from: on the approval card and in the terminal', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto(`${server!.origin}/`);
  await expect(connection(page)).toHaveAttribute('data-phase', 'open', { timeout: longTimeout });
  await launchGoal(page, GOAL);
  const card = page.getByRole('region', { name: 'Approval for everything__echo' });
  await expect(card).toBeVisible({ timeout: longTimeout });
  await expect(card.locator('.approval-bundle')).toHaveText('MCP everything');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed', { timeout: longTimeout });

  const tail = page.getByRole('log', { name: 'Actor steps' });
  const action = tail.locator('.tui-entry', { hasText: 'everything__echo({"message":"hello from the browser"})' });
  await expect(action.locator('.tui-bundle')).toHaveText('MCP everything');
  await expect(tail).toContainText('← observation Echo: hello from the browser');
  expect(errors).toEqual([]);
});
