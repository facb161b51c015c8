import { expect, type Locator, type Page, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { longTimeout, saveScreenshot } from './support/dashboard';

const RUN_COUNT = 12;

// Twelve runs on a shared, busy machine take a while; the checks themselves are quick.
test.setTimeout(180_000);

/** Creates runs through the API (short ones) and returns their ids, oldest first. */
async function createRuns(page: Page, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let index = 1; index <= count; index++) {
    const response = await page.request.post('/runs', {
      data: { goal: `List run ${index}: read README.md`, maxIterations: 2 },
    });
    expect(response.status()).toBe(202);
    ids.push((await response.json()).id);
  }
  return ids;
}

/** How the list box and an item sit on screen. */
async function boxes(list: Locator, item: Locator) {
  const listBox = await list.boundingBox();
  const itemBox = await item.boundingBox();
  if (!listBox || !itemBox) throw new Error('list or item not rendered');
  return { listBox, itemBox };
}

/** Items whose whole box is inside the list's visible box. */
function fullyVisibleItems(list: Locator): Promise<number> {
  return list.evaluate((element) => {
    const box = element.getBoundingClientRect();
    return [...element.querySelectorAll('.run-item')].filter((item) => {
      const itemBox = item.getBoundingClientRect();
      return itemBox.top >= box.top - 1 && itemBox.bottom <= box.bottom + 1;
    }).length;
  });
}

test('with many runs at 1280×800 the list fills the column, shows several runs and keeps the open one in view', async ({
  page,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  const ids = await createRuns(page, RUN_COUNT);
  const oldest = ids[0] as string;
  await page.goto(`/#/runs/${encodeURIComponent(oldest)}`);
  await expect(page.locator('.run-view')).toHaveAttribute('data-run-id', oldest, { timeout: longTimeout });

  const list = page.locator('.runs-list');
  await expect.poll(() => list.locator('.run-item').count()).toBeGreaterThanOrEqual(RUN_COUNT);
  const selected = list.locator(`.run-item[data-run-id="${oldest}"]`);
  await expect(selected).toHaveAttribute('aria-current', 'page');
  // The oldest run is at the bottom of the list; it is scrolled into the list's view.
  await expect
    .poll(async () => {
      const { listBox, itemBox } = await boxes(list, selected);
      return itemBox.y >= listBox.y - 1 && itemBox.y + itemBox.height <= listBox.y + listBox.height + 1;
    })
    .toBe(true);
  const { listBox } = await boxes(list, selected);
  expect(listBox.height).toBeGreaterThanOrEqual(240);
  expect(await fullyVisibleItems(list)).toBeGreaterThanOrEqual(2);
  await saveScreenshot(page, 'runs-list-many');

  // A two-line form error does not squeeze the list to its heading.
  await page.getByText('Limits').click();
  await page.getByLabel('Goal', { exact: true }).fill('A goal');
  await page.getByLabel('Max iterations').fill('500');
  await page.getByLabel('Parallel actors').fill('50');
  await page.getByRole('button', { name: 'Launch run' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Parallel actors');
  expect((await alert.boundingBox())?.height ?? 0).toBeGreaterThan(30);
  expect((await list.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(240);
  await saveScreenshot(page, 'runs-list-form-error');

  // Opening a newer run from the list keeps it visible too, and every run finishes in the list.
  const newest = ids.at(-1) as string;
  await list.locator(`.run-item[data-run-id="${newest}"]`).click();
  await expect(page.locator('.run-view')).toHaveAttribute('data-run-id', newest);
  await expect(list.locator(`.run-item[data-run-id="${newest}"]`)).toBeInViewport();
  expect(errors.filter((error) => !/status of 400/.test(error))).toEqual([]);
});

test('on a phone-sized screen an opened run comes first, above the form and the list', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/');
  const [runId] = await createRuns(page, 3);
  await page.goto(`/#/runs/${encodeURIComponent(runId as string)}`);
  const runView = page.locator('.run-view');
  await expect(runView).toHaveAttribute('data-run-id', runId as string, { timeout: longTimeout });
  await expect(page.getByTestId('final-answer')).toBeVisible({ timeout: longTimeout });
  const top = (await runView.boundingBox())?.y ?? -1;
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(200);
  // Picking another run from the list further down scrolls back up to it.
  const other = page.locator('.runs-list .run-item').nth(1);
  await other.scrollIntoViewIfNeeded();
  const otherId = (await other.getAttribute('data-run-id')) as string;
  await other.click();
  await expect(runView).toHaveAttribute('data-run-id', otherId);
  await expect.poll(async () => (await runView.boundingBox())?.y ?? -1).toBeLessThan(200);
  await saveScreenshot(page, 'run-narrow-opened');
});
