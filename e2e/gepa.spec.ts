import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { runGoalToEnd, saveScreenshot } from './support/dashboard';

test('the GEPA panel charts the composite score over traces', async ({ page, request }) => {
  const errors = collectConsoleErrors(page);
  // two short runs, so the optimizer has traces to plot
  for (const goal of [
    'List the top-level folders of the workspace',
    'Summarise the repository layout and propose next steps',
  ]) {
    expect((await runGoalToEnd(request, goal)).status).toBe('completed');
  }

  await page.goto('/#/gepa');
  await expect(page.getByRole('link', { name: 'GEPA optimizer' })).toHaveAttribute('aria-current', 'page');
  const chart = page.locator('.score-chart');
  await expect(chart).toBeVisible();
  await expect.poll(() => chart.locator('.recharts-line-dot, .recharts-dot').count()).toBeGreaterThan(1);
  await expect(chart.locator('.recharts-reference-line').first()).toBeAttached();
  await expect(page.locator('.candidates-table tbody tr').first()).toBeVisible();
  await expect(page.getByRole('region', { name: /Current .* prompt/ }).first()).toBeVisible();
  await saveScreenshot(page, 'gepa-panel', true);
  expect(errors).toEqual([]);
});
