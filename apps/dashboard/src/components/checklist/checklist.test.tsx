// @vitest-environment happy-dom

import type { RunEvent } from '@gepa-aime/core';
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { reduceRunEvents } from '../../state/run-reducer';
import { sampleCancelledRunEvents, sampleRunEvents } from '../../testing/sample-run-events';
import { Checklist } from './checklist';

const events = sampleRunEvents();

afterEach(cleanup);

function taskItem(id: string): HTMLElement {
  const item = document.querySelector<HTMLElement>(`li[data-task-id="${id}"]`);
  if (!item) throw new Error(`task ${id} not rendered`);
  return item;
}

describe('Checklist', () => {
  it('renders the hierarchy in plan order with children nested under their parent', () => {
    const state = reduceRunEvents(events.slice(0, 2));
    render(<Checklist tasks={state.tasks} iteration={state.iteration} />);
    const list = screen.getByRole('list', { name: 'Tasks' });
    const topLevel = within(list)
      .getAllByRole('listitem')
      .filter((item) => item.parentElement === list);
    expect(topLevel.map((item) => item.dataset.taskId)).toEqual(['1']);
    const children = taskItem('1').querySelectorAll(':scope > ol > li');
    expect([...children].map((item) => (item as HTMLElement).dataset.taskId)).toEqual(['1.1', '1.2']);
    expect(within(taskItem('1.1')).getByText('Entries listed')).toBeTruthy();
    expect(screen.getByText('0/3 complete · iteration 1')).toBeTruthy();
  });

  it('shows status icons, persona, tools and the latest progress message of a running task', () => {
    const state = reduceRunEvents(events.slice(0, 5));
    render(<Checklist tasks={state.tasks} />);
    const running = taskItem('1.1');
    expect(within(running).getByRole('img', { name: 'in progress' })).toBeTruthy();
    expect(within(running).getByText('Repository cartographer')).toBeTruthy();
    expect(
      within(running)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['list_dir', 'update_progress']);
    expect(within(running).getByText('Listed 3 entries')).toBeTruthy();
    expect(within(taskItem('1.2')).getByRole('img', { name: 'pending' })).toBeTruthy();
  });

  it('shows result summaries and complete icons when tasks finish', () => {
    const state = reduceRunEvents(events);
    render(<Checklist tasks={state.tasks} />);
    expect(within(taskItem('1.1')).getByText('Root holds apps, packages and a README')).toBeTruthy();
    expect(screen.getAllByRole('img', { name: 'complete' })).toHaveLength(3);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('100');
  });

  it('shows a cancelled task with its own icon and reason, counted apart from complete and failed', () => {
    const state = reduceRunEvents(sampleCancelledRunEvents());
    render(<Checklist tasks={state.tasks} live={false} />);
    const cancelled = taskItem('1.2');
    expect(cancelled.dataset.status).toBe('cancelled');
    expect(cancelled.className).toBe('task task-cancelled');
    expect(within(cancelled).getByRole('img', { name: 'cancelled' }).textContent).toBe('–');
    expect(within(cancelled).getByText('the run was cancelled while this task ran').className).toBe(
      'task-summary task-summary-cancelled',
    );
    expect(screen.queryAllByRole('img', { name: 'failed' })).toEqual([]);
    // the parent's status follows: one child complete, one cancelled, nothing open
    expect(taskItem('1').dataset.status).toBe('cancelled');
    expect(screen.getByText('1/3 complete · 2 cancelled')).toBeTruthy();
  });

  it('re-mounts a task highlight when an event changes that task (the change animates)', () => {
    const before = reduceRunEvents(events.slice(0, 4));
    const { rerender } = render(<Checklist tasks={before.tasks} />);
    // what was already there when the run opened does not flash
    expect(document.querySelectorAll('.task-flash')).toHaveLength(0);
    const afterProgress = reduceRunEvents(events.slice(4, 5), before);
    rerender(<Checklist tasks={afterProgress.tasks} />);
    const flash = taskItem('1.1').querySelector('.task-flash');
    expect(flash).not.toBeNull();
    expect(taskItem('1.2').querySelector('.task-flash')).toBeNull();
    const afterEnd = reduceRunEvents(events.slice(5, 7), afterProgress);
    rerender(<Checklist tasks={afterEnd.tasks} />);
    expect(taskItem('1.1').querySelector('.task-flash')).not.toBe(flash);
    expect(taskItem('1.2').querySelector('.task-flash')).toBeNull();
  });

  it('says it is waiting while there is no plan', () => {
    render(<Checklist tasks={[]} />);
    expect(screen.getByText('Waiting for the planner…')).toBeTruthy();
  });

  it("shows the judge's verdict and feedback, and what the actor had claimed when the judge overruled it", () => {
    const base = sampleRunEvents().filter((event) => event.type !== 'run-end');
    const runId = base[0]?.runId ?? '';
    const seq = base.length + 1;
    const verdict: RunEvent = {
      type: 'judge-verdict',
      runId,
      seq,
      ts: 0,
      scope: 'task',
      taskId: '1.1',
      score: 0,
      verdict: 'fail',
      feedback: 'The answer cites docs/missing.md, which does not exist.',
      checks: [],
      source: 'checks',
      claimedStatus: 'complete',
    };
    const failed: RunEvent = {
      type: 'task-end',
      runId,
      seq: seq + 1,
      ts: 0,
      taskId: '1.1',
      status: 'failed',
      summary: 'The judge failed this result.',
      references: [],
    };
    const state = reduceRunEvents([...base, verdict, failed]);
    render(<Checklist tasks={state.tasks} />);
    const shown = within(taskItem('1.1')).getByTestId('task-verdict');
    expect(shown.textContent).toContain('Judge: fail 0.00 (actor claimed complete)');
    expect(shown.textContent).toContain('docs/missing.md, which does not exist');
  });
});
