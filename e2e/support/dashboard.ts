import { join } from 'node:path';
import { type APIRequestContext, expect, type Page } from '@playwright/test';
import { repoRoot } from './processes';

export const longTimeout = 45_000;

/** Launches a goal from the form and returns the new run's id (the app opens it at once). */
export async function launchGoal(page: Page, goal: string): Promise<string> {
  await page.getByLabel('Goal', { exact: true }).fill(goal);
  await page.getByRole('button', { name: 'Launch run' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+$/);
  const runId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
  await expect(page.locator('.run-view')).toHaveAttribute('data-run-id', runId);
  return runId;
}

/** Starts a goal over the API (as a script would), waits until the run has ended; its id and status. */
export async function runGoalToEnd(request: APIRequestContext, goal: string): Promise<{ id: string; status: string }> {
  const created = await request.post('/runs', { data: { goal } });
  expect(created.status()).toBe(202);
  const { id } = (await created.json()) as { id: string };
  let status = '';
  await expect
    .poll(
      async () => {
        status = ((await (await request.get(`/runs/${id}`)).json()) as { status: string }).status;
        return status;
      },
      { timeout: longTimeout },
    )
    .toMatch(/^(completed|failed|limit-reached|cancelled|interrupted)$/);
  return { id, status };
}

export function runStatus(page: Page) {
  return page.locator('.run-header .status-badge');
}

export function connection(page: Page) {
  return page.locator('.app-header .connection');
}

/** Screenshots for people to look at (test-results/screenshots, not committed). */
export async function saveScreenshot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(repoRoot, 'test-results', 'screenshots', `${name}.png`), fullPage });
}
