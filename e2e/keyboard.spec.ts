import { expect, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { longTimeout, runStatus } from './support/dashboard';

test('everything works from the keyboard, with landmarks and labels for assistive technology', async ({ page }) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  await expect(page.locator('.connection')).toHaveAttribute('data-phase', 'open');

  // landmarks and live regions
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Views' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Runs' })).toBeVisible();
  await expect(page.getByRole('main')).toBeVisible();
  await expect(page.getByRole('status')).toHaveText(/Live/);

  // Tab to the goal field, type, launch with Ctrl+Enter
  const goal = page.getByRole('textbox', { name: 'Goal', exact: true });
  for (
    let presses = 0;
    presses < 12 && !(await goal.evaluate((element) => element === document.activeElement));
    presses++
  ) {
    await page.keyboard.press('Tab');
  }
  await expect(goal).toBeFocused();
  await page.keyboard.type('List the top-level folders of the workspace');
  await page.keyboard.press('Control+Enter');
  await expect(page).toHaveURL(/#\/runs\//);
  await expect(runStatus(page)).toHaveAttribute('data-status', 'completed', { timeout: longTimeout });
  await expect(page.getByRole('list', { name: 'Tasks' })).toBeVisible();
  await expect(page.getByRole('log', { name: 'Actor steps' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'complete' }).first()).toBeVisible();

  // the GEPA view and back, by keyboard
  const gepaLink = page.getByRole('link', { name: 'GEPA optimizer' });
  await gepaLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/gepa$/);
  const runLink = page.getByRole('navigation', { name: 'Runs' }).getByRole('link').first();
  await runLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#\/runs\//);
  await expect(runLink).toHaveAttribute('aria-current', 'page');
  expect(errors).toEqual([]);
});
