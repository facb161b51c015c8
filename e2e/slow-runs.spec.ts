import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { connection, launchGoal, longTimeout, runStatus, saveScreenshot } from './support/dashboard';
import { isolatedConfigDirectory } from './support/isolated-config';
import { freePort, repoRoot, type ServerInstance, startServer, startSlowModel, stopProcess } from './support/processes';

/**
 * Runs that stay in flight: a second server instance of its own, backed by the core's fake
 * OpenAI-compatible server answering every model call after a delay (AIME_PROVIDER=vllm).
 */
test.describe.configure({ mode: 'serial' });

let model: Awaited<ReturnType<typeof startSlowModel>> | undefined;
let server: ServerInstance | undefined;
let port = 0;
let serverEnv: Record<string, string> = {};

const goal = 'Survey the workspace. Then read the README. Then propose next steps.';

test.beforeAll(async () => {
  model = await startSlowModel(1_500);
  port = await freePort();
  const tracesDirectory = mkdtempSync(join(tmpdir(), 'aime-e2e-slow-'));
  serverEnv = {
    AIME_TRACES_DIR: tracesDirectory,
    AIME_CONFIG_DIR: isolatedConfigDirectory(tracesDirectory),
    AIME_WORKSPACE: repoRoot,
    AIME_PROVIDER: 'vllm',
    AIME_API_BASE: model.url,
    AIME_MODEL: 'fake-model',
  };
  server = await startServer(port, serverEnv);
});

test.afterAll(async () => {
  await stopProcess(server?.process);
  await stopProcess(model?.process);
});

async function openDashboard(page: Page) {
  await page.goto(`${server!.origin}/`);
  await expect(connection(page)).toHaveAttribute('data-phase', 'open');
}

async function serverDetail(runId: string) {
  const response = await fetch(`${server!.origin}/runs/${runId}`);
  return (await response.json()) as {
    status: string;
    lastSeq: number;
    tasks: { id: string; status: string }[];
    taskCounts: Record<string, number>;
  };
}

function renderedTasks(page: Page) {
  return page
    .locator('.checklist li[data-task-id]')
    .evaluateAll((items) =>
      items.map((item) => `${item.getAttribute('data-task-id')}:${item.getAttribute('data-status')}`),
    );
}

test('cancel a running run and see it cancelled: the running task marked cancelled, not failed', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await openDashboard(page);
  const runId = await launchGoal(page, goal);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'running', { timeout: longTimeout });
  await expect(page.locator('.checklist li[data-status="in_progress"]').first()).toBeVisible({ timeout: longTimeout });
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'cancelled', { timeout: longTimeout });
  await expect(page.getByRole('button', { name: 'Cancel run' })).toHaveCount(0);
  await expect(page.locator(`.run-item[data-run-id="${runId}"] .status-badge`)).toHaveAttribute(
    'data-status',
    'cancelled',
  );
  await expect(page.getByRole('log', { name: 'Actor steps' })).toContainText('■ run cancelled');
  const detail = await serverDetail(runId);
  expect(detail.status).toBe('cancelled');
  expect(detail.taskCounts.cancelled).toBeGreaterThan(0);
  expect(detail.taskCounts.failed).toBe(0);
  // the runs list counts it as cancelled, not failed
  const tally = page.locator(`.run-item[data-run-id="${runId}"] .run-item-tasks`);
  await expect(tally).toContainText(`${detail.taskCounts.cancelled} cancelled`);
  await expect(tally).not.toContainText('failed');

  // the task the cancel cut short: grey dashed icon in the checklist, [~] in the terminal, never [!]
  const cut = page.locator('.checklist li[data-status="cancelled"]');
  await expect(cut.first()).toBeVisible();
  await expect(cut.first().getByRole('img', { name: 'cancelled' }).first()).toBeVisible();
  await expect(page.locator('.checklist li[data-status="failed"]')).toHaveCount(0);
  const terminal = page.getByTestId('tui-checklist');
  await expect(terminal.locator('.tui-marker-cancelled').first()).toHaveText('[~]');
  await expect(terminal).not.toContainText('[!]');
  const markerColour = await terminal
    .locator('.tui-marker-cancelled')
    .first()
    .evaluate((marker) => getComputedStyle(marker).color);
  expect(markerColour).toBe('rgb(148, 163, 184)');
  await expect(page.getByRole('log', { name: 'Actor steps' }).locator('.tui-cancelled').first()).toContainText('⊘');
  await saveScreenshot(page, 'run-cancelled');
  expect(errors).toEqual([]);
});

test('reload mid-run and see the same state', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await openDashboard(page);
  const runId = await launchGoal(page, goal);
  await expect(page.locator('.checklist li[data-status="in_progress"]').first()).toBeVisible({ timeout: longTimeout });
  await saveScreenshot(page, 'run-in-progress');
  const before = await renderedTasks(page);
  const tailBefore = await page.locator('.tui-entry').allInnerTexts();

  await page.reload();
  await expect(page.locator('.run-view')).toHaveAttribute('data-run-id', runId);
  // The reloaded page rebuilds the run from its log: it shows everything shown before …
  await expect
    .poll(async () => (await page.locator('.tui-entry').allInnerTexts()).slice(0, tailBefore.length))
    .toEqual(tailBefore);
  expect((await renderedTasks(page)).map((entry) => entry.split(':')[0])).toEqual(
    expect.arrayContaining(before.map((entry) => entry.split(':')[0])),
  );
  // … and, once caught up with the server's log, exactly the server's checklist.
  await expect
    .poll(async () => {
      const detail = await serverDetail(runId);
      const shownSeq = Number(await page.locator('.run-view').getAttribute('data-last-seq'));
      if (shownSeq !== detail.lastSeq) return 'catching up';
      return JSON.stringify(await renderedTasks(page)) ===
        JSON.stringify(detail.tasks.map((task) => `${task.id}:${task.status}`))
        ? 'same'
        : 'different';
    })
    .toBe('same');
  await page.getByRole('button', { name: 'Cancel run' }).click();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'cancelled', { timeout: longTimeout });
  expect(errors).toEqual([]);
});

test('kill and restart the server mid-run: the client reconnects and the run is interrupted', async ({ page }) => {
  const errors = collectConsoleErrors(page, { allowConnectionErrors: true });
  await openDashboard(page);
  const runId = await launchGoal(page, goal);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'running', { timeout: longTimeout });
  await expect(page.locator('.tui-entry').first()).toBeVisible({ timeout: longTimeout });

  await stopProcess(server?.process, 'SIGKILL');
  await expect(connection(page)).toHaveAttribute('data-phase', 'reconnecting');
  await saveScreenshot(page, 'server-down-reconnecting');

  server = await startServer(port, serverEnv);
  await expect(connection(page)).toHaveAttribute('data-phase', 'open', { timeout: longTimeout });
  await expect(runStatus(page)).toHaveAttribute('data-status', 'interrupted', { timeout: longTimeout });
  await expect(page.locator(`.run-item[data-run-id="${runId}"] .status-badge`)).toHaveAttribute(
    'data-status',
    'interrupted',
  );
  // nothing lost or duplicated: the page's log matches the server's, seq for seq
  const detail = await serverDetail(runId);
  await expect(page.locator('.run-view')).toHaveAttribute('data-last-seq', String(detail.lastSeq));
  await saveScreenshot(page, 'run-interrupted');
  expect(errors).toEqual([]);
});
