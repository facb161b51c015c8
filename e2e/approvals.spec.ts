import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { connection, launchGoal, longTimeout, runStatus, saveScreenshot } from './support/dashboard';
import { isolatedConfigDirectory } from './support/isolated-config';
import { freePort, type ServerInstance, startServer, stopProcess } from './support/processes';

const GOAL = 'Read README.md and write a summary to notes/summary.md';
let server: ServerInstance | undefined;
let workspace: string;

/** A server that asks before risky calls (AIME_APPROVAL=risky), on a throw-away workspace. */
test.beforeAll(async () => {
  const tracesDirectory = mkdtempSync(join(tmpdir(), 'aime-e2e-approvals-'));
  workspace = mkdtempSync(join(tmpdir(), 'aime-e2e-approvals-workspace-'));
  writeFileSync(join(workspace, 'README.md'), '# Approval demo\n\nA project whose notes need a human yes.\n');
  server = await startServer(await freePort(), {
    AIME_APPROVAL: 'risky',
    AIME_TRACES_DIR: tracesDirectory,
    AIME_CONFIG_DIR: isolatedConfigDirectory(tracesDirectory),
    AIME_WORKSPACE: workspace,
    AIME_PROVIDER: 'offline',
  });
});

test.afterAll(async () => {
  await stopProcess(server?.process);
});

test('an operator approves write_file from the dashboard and the run completes', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto(`${server!.origin}/`);
  await expect(connection(page)).toHaveAttribute('data-phase', 'open', { timeout: longTimeout });
  await launchGoal(page, GOAL);
  const card = page.getByRole('region', { name: 'Approval for write_file' });
  await expect(card).toBeVisible({ timeout: longTimeout });
  await expect(runStatus(page)).toHaveAttribute('data-status', 'waiting');
  await expect(card).toContainText('write_file changes workspace files');
  await expect(card.locator('.approval-args')).toContainText('notes/summary.md');
  await saveScreenshot(page, 'approval-card');
  await card.getByRole('button', { name: 'Approve' }).click();
  await expect(card).toBeHidden();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed', { timeout: longTimeout });
  expect(readFileSync(join(workspace, 'notes', 'summary.md'), 'utf8')).toContain('Approval demo');
  expect(errors).toEqual([]);
});

test('an operator denies with a note: the model sees it, the file is untouched, the run is cancelled', async ({
  page,
}) => {
  mkdirSync(join(workspace, 'notes'), { recursive: true });
  writeFileSync(join(workspace, 'notes', 'summary.md'), 'keep me\n');
  const errors = collectConsoleErrors(page);
  await page.goto(`${server!.origin}/`);
  await expect(connection(page)).toHaveAttribute('data-phase', 'open', { timeout: longTimeout });
  await launchGoal(page, GOAL);
  const card = page.getByRole('region', { name: 'Approval for write_file' }).first();
  await expect(card).toBeVisible({ timeout: longTimeout });
  // over an existing file the card shows the diff
  await expect(card.locator('.approval-diff')).toContainText('keep me');
  const callId = await card.getAttribute('data-call-id');
  await card.getByLabel('Note for the model').fill('leave my notes alone');
  await card.getByRole('button', { name: 'Deny' }).click();
  await expect(page.locator(`.approval-card[data-call-id="${callId}"]`)).toHaveCount(0);
  const runId = await page.locator('.run-view').getAttribute('data-run-id');
  await expect
    .poll(
      async () => {
        const response = await page.request.get(`${server!.origin}/runs/${runId}/events`);
        const body = (await response.json()) as { events: Array<{ type: string; callId?: string; error?: string }> };
        return body.events.find((event) => event.type === 'tool-result' && event.callId === callId)?.error;
      },
      { timeout: longTimeout },
    )
    .toBe('write_file was denied by the operator: leave my notes alone');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'cancelled', { timeout: longTimeout });
  expect(readFileSync(join(workspace, 'notes', 'summary.md'), 'utf8')).toBe('keep me\n');
  expect(existsSync(join(workspace, 'notes'))).toBe(true);
  expect(errors).toEqual([]);
});
