import { join } from 'node:path';
import { type APIRequestContext, expect, type Locator, test } from '@playwright/test';
import { collectConsoleErrors } from './support/console-errors';
import { connection, runGoalToEnd } from './support/dashboard';
import { repoRoot } from './support/processes';

/** One long clause: the offline planner keeps it as one task whose title wraps in a narrow terminal. */
const goal = 'Summarise what the README file in the repository root says about the purpose of this whole project';

/** Runs the goal to its end over the API; its id. */
async function runToEnd(request: APIRequestContext): Promise<string> {
  const { id, status } = await runGoalToEnd(request, goal);
  expect(status).toMatch(/^(completed|failed|limit-reached)$/);
  return id;
}

async function traceCount(request: APIRequestContext): Promise<number> {
  return ((await (await request.get('/gepa')).json()) as { timeline: unknown[] }).timeline.length;
}

test('the GEPA strip counts the traces of a run that ended, even one this page never opened', async ({
  page,
  request,
}) => {
  const errors = collectConsoleErrors(page);
  await page.goto('/');
  await expect(connection(page)).toHaveAttribute('data-phase', 'open');
  const traces = page.getByRole('region', { name: 'GEPA' }).getByTestId('gepa-strip-traces');
  const before = await traceCount(request);
  await expect(traces).toHaveText(new RegExp(`^${before} traces?$`));

  // started by a script, not from this page: the page sees only the run's run-status messages
  await runToEnd(request);
  const after = await traceCount(request);
  expect(after).toBeGreaterThan(before);
  await expect(traces).toHaveText(`${after} traces`);
  expect(errors).toEqual([]);
});

/** Where each visual row of a text starts (px from the left), for every element given. */
function rowStarts(elements: Locator, textSelector?: string) {
  return elements.evaluateAll((nodes, selector) => {
    return nodes.map((node) => {
      const host = selector ? (node.querySelector(selector) ?? node) : node;
      // the longest text node is the line's text (the lead, marker and spaces are shorter)
      const text = [...host.childNodes]
        .filter((child) => child.nodeType === Node.TEXT_NODE)
        .sort((left, right) => (right.textContent ?? '').length - (left.textContent ?? '').length)[0];
      const range = document.createRange();
      if (text) range.selectNodeContents(text);
      const rows = new Map<number, number>();
      for (const rect of range.getClientRects()) {
        if (rect.width === 0) continue;
        const top = Math.round(rect.top);
        rows.set(top, Math.min(rows.get(top) ?? Number.POSITIVE_INFINITY, rect.left));
      }
      return { boxLeft: node.getBoundingClientRect().left, starts: [...rows.values()] };
    });
  }, textSelector);
}

test('on a narrow screen, wrapped terminal lines continue under their text, not at column 0', async ({
  page,
  request,
}) => {
  const runId = await runToEnd(request);
  const errors = collectConsoleErrors(page);
  await page.setViewportSize({ width: 360, height: 800 });
  await page.goto(`/#/runs/${encodeURIComponent(runId)}`);
  await expect(page.locator('.run-view')).toHaveAttribute('data-run-id', runId);
  const checklist = page.getByTestId('tui-checklist');
  await expect(checklist.locator('.tui-line-task').first()).toBeVisible();

  const taskLines = await rowStarts(checklist.locator('.tui-line-task'));
  const wrappedTasks = taskLines.filter((line) => line.starts.length > 1);
  expect(wrappedTasks.length, 'a task title wraps at 360 px').toBeGreaterThan(0);
  for (const line of wrappedTasks) {
    const [first = 0, ...continuations] = line.starts;
    // the first row's text starts after `- [x] `; every further row starts right under it
    expect(first - line.boxLeft).toBeGreaterThan(20);
    for (const start of continuations) expect(Math.abs(start - first)).toBeLessThan(1);
  }

  const entries = await rowStarts(page.getByRole('log', { name: 'Actor steps' }).locator('.tui-entry'), '.tui-text');
  const wrappedEntries = entries.filter((entry) => entry.starts.length > 1);
  expect(wrappedEntries.length, 'an actor step wraps at 360 px').toBeGreaterThan(0);
  for (const entry of wrappedEntries) {
    const [first = 0, ...continuations] = entry.starts;
    expect(first - entry.boxLeft).toBeGreaterThan(20);
    for (const start of continuations) expect(Math.abs(start - first)).toBeLessThan(1);
  }

  const terminal = page.getByRole('region', { name: /^Terminal/ });
  await terminal.scrollIntoViewIfNeeded();
  await terminal.screenshot({ path: join(repoRoot, 'test-results', 'screenshots', 'terminal-narrow.png') });
  expect(errors).toEqual([]);
});
