import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { connection, launchGoal, longTimeout, runStatus, saveScreenshot } from './support/dashboard';
import { isolatedConfigDirectory } from './support/isolated-config';
import { freePort, repoRoot, type ServerInstance, startServer, stopProcess } from './support/processes';

const token = 'e2e-secret-token';
let server: ServerInstance | undefined;

test.beforeAll(async () => {
  const tracesDirectory = mkdtempSync(join(tmpdir(), 'aime-e2e-token-'));
  server = await startServer(await freePort(), {
    AIME_API_TOKEN: token,
    AIME_TRACES_DIR: tracesDirectory,
    AIME_CONFIG_DIR: isolatedConfigDirectory(tracesDirectory),
    AIME_WORKSPACE: repoRoot,
    AIME_PROVIDER: 'offline',
  });
});

test.afterAll(async () => {
  await stopProcess(server?.process);
});

test('with an API token the UI asks for it once, keeps it in the tab and uses it for REST and the socket', async ({
  page,
}) => {
  // before the token is known, the 401s (REST and the socket upgrade) are expected
  const errors = collectConsoleErrors(page, { allowConnectionErrors: true });
  const socketUrls: string[] = [];
  page.on('websocket', (socket) => socketUrls.push(socket.url()));
  await page.goto(`${server!.origin}/`);
  const dialog = page.getByRole('dialog', { name: 'API token required' });
  await expect(dialog).toBeVisible();
  await saveScreenshot(page, 'token-dialog');
  await dialog.getByLabel('Token').fill(token);
  await dialog.getByRole('button', { name: 'Connect' }).click();
  await expect(dialog).toBeHidden();
  await expect(connection(page)).toHaveAttribute('data-phase', 'open', { timeout: longTimeout });

  await launchGoal(page, 'List the top-level folders of the workspace');
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed', { timeout: longTimeout });
  expect(await page.evaluate(() => sessionStorage.getItem('gepa-aime.api-token'))).toBe(token);

  await page.reload();
  await expect(connection(page)).toHaveAttribute('data-phase', 'open');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed');
  expect(errors.filter((error) => !/status of 401/.test(error))).toEqual([]);
  // The token travels as a WebSocket subprotocol, never in a URL a log or proxy could record.
  expect(socketUrls.length).toBeGreaterThan(0);
  expect(socketUrls.filter((url) => url.includes(token) || url.includes('token='))).toEqual([]);
});
