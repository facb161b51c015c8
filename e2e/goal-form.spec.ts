import { expect, type Locator, type Page, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { saveScreenshot } from './support/dashboard';

const DANGER_BORDER = 'rgb(248, 113, 113)';

test.setTimeout(120_000);

function borderColour(locator: Locator): Promise<string> {
  return locator.evaluate((element) => getComputedStyle(element).borderTopColor);
}

async function openLimits(page: Page) {
  await page.getByText('Limits').click();
  return { iterations: page.getByLabel('Max iterations'), parallel: page.getByLabel('Parallel actors') };
}

test('the limits are number inputs with their ranges; out-of-range values get a message and a red border, not a request', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  const posted: string[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/runs') posted.push(request.url());
  });
  await page.goto('/');
  const { iterations, parallel } = await openLimits(page);
  await expect(iterations).toHaveAttribute('type', 'number');
  await expect(iterations).toHaveAttribute('min', '1');
  await expect(iterations).toHaveAttribute('max', '100');
  await expect(parallel).toHaveAttribute('type', 'number');
  await expect(parallel).toHaveAttribute('max', '16');

  // Text a number input cannot read (the browser keeps it as bad input with an empty value).
  await page.getByLabel('Goal', { exact: true }).fill('A valid goal');
  await iterations.focus();
  await page.keyboard.type('1e');
  await parallel.fill('99');
  await page.getByRole('button', { name: 'Launch run' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Max iterations must be a whole number from 1 to 100');
  await expect(alert).toContainText('Parallel actors must be a whole number from 1 to 16');
  await expect(alert).not.toContainText('body.');
  await expect(alert).not.toContainText('received');
  await expect(iterations).toHaveAttribute('aria-invalid', 'true');
  await expect(parallel).toHaveAttribute('aria-invalid', 'true');
  await expect.poll(() => borderColour(iterations)).toBe(DANGER_BORDER);
  await expect.poll(() => borderColour(parallel)).toBe(DANGER_BORDER);
  await expect(page.getByLabel('Goal', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
  await saveScreenshot(page, 'form-limits-error');

  await iterations.fill('2.5');
  await parallel.fill('2');
  await page.getByRole('button', { name: 'Launch run' }).click();
  await expect(alert).toHaveText('Max iterations must be a whole number from 1 to 100');
  await expect(parallel).not.toHaveAttribute('aria-invalid', 'true');
  expect(posted).toEqual([]);

  // An empty goal is caught the same way, with the goal's red border.
  await page.getByLabel('Goal', { exact: true }).fill('   ');
  await iterations.fill('');
  await page.getByRole('button', { name: 'Launch run' }).click();
  await expect(alert).toHaveText('Goal is required');
  await expect.poll(() => borderColour(page.getByLabel('Goal', { exact: true }))).toBe(DANGER_BORDER);
  expect(posted).toEqual([]);
  expect(errors).toEqual([]);
});

test('valid limits are sent as numbers; what only the server can tell comes back with the field label', async ({
  page,
  request,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  const { iterations, parallel } = await openLimits(page);

  await page.getByLabel('Goal', { exact: true }).fill('x'.repeat(8001));
  await page.getByRole('button', { name: 'Launch run' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toHaveText('Goal must be at most 8000 characters');
  await expect(page.getByLabel('Goal', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Goal', { exact: true }).fill('Read README.md');
  await iterations.fill('3');
  await parallel.fill('2');
  await page.getByRole('button', { name: 'Launch run' }).click();
  await expect(page).toHaveURL(/#\/runs\/[^/]+$/);
  const runId = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
  const detail = await (await request.get(`/runs/${encodeURIComponent(runId)}`)).json();
  expect(detail).toMatchObject({ maxIterations: 3, maxParallelActors: 2 });
  expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
});
