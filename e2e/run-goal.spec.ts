import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { launchGoal, longTimeout, runStatus, saveScreenshot } from './support/dashboard';

test('a submitted goal runs to completion: every task complete, [x] in the terminal, the final answer shown', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  await expect(page.locator('.connection')).toHaveAttribute('data-phase', 'open');
  await saveScreenshot(page, 'empty-dashboard');

  const runId = await launchGoal(page, 'Summarise the repository layout and propose next steps');
  await expect(page.locator(`.run-item[data-run-id="${runId}"]`)).toBeVisible();
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed', { timeout: longTimeout });

  const tasks = page.locator('.checklist li[data-task-id]');
  expect(await tasks.count()).toBeGreaterThan(0);
  for (const status of await tasks.evaluateAll((items) => items.map((item) => item.getAttribute('data-status')))) {
    expect(status).toBe('complete');
  }
  const terminal = page.getByTestId('tui-checklist');
  await expect(terminal).toContainText('[x]');
  await expect(terminal).not.toContainText('[ ]');
  await expect(terminal).not.toContainText('[-]');
  await expect(page.getByRole('log', { name: 'Actor steps' })).toContainText('→ action');

  const answer = page.getByTestId('final-answer');
  await expect(answer).toBeVisible();
  expect(((await answer.textContent()) ?? '').trim().length).toBeGreaterThan(20);
  await expect(page.locator('.usage-table tbody tr').first()).toBeVisible();

  // the main view carries the optimizer too: the GEPA strip charts this run's traces
  const strip = page.getByRole('region', { name: 'GEPA' });
  await expect(strip).toBeVisible();
  await expect.poll(() => strip.locator('.score-chart .recharts-line-dot').count()).toBeGreaterThan(0);
  await expect(strip.locator('.recharts-reference-line').first()).toBeAttached();
  await expect(strip.getByTestId('gepa-strip-composite')).toHaveText(/^\d\.\d{3}$/);
  await expect(strip.getByRole('link', { name: /Full GEPA view/ })).toHaveAttribute('href', '#/gepa');
  await expect(page.locator(`.run-item[data-run-id="${runId}"] .status-badge`)).toHaveAttribute(
    'data-status',
    'completed',
  );

  await saveScreenshot(page, 'run-completed');
  await saveScreenshot(page, 'run-completed-full', true);
  await page.setViewportSize({ width: 390, height: 844 });
  await saveScreenshot(page, 'run-completed-narrow', true);
  expect(errors).toEqual([]);
});
