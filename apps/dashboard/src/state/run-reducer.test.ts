import { describe, expect, it } from 'vitest';
import { sampleRunEvents, sampleRunId } from '../testing/sample-run-events';
import { missingSeqs, reduceRunEvent, reduceRunEvents, skipGap } from './run-reducer';
import { createRunState } from './run-state';

const events = sampleRunEvents();

function statusById(tasks: { id: string; status: string }[]) {
  return Object.fromEntries(tasks.map((task) => [task.id, task.status]));
}

describe('reduceRunEvents', () => {
  it('folds a whole run into its final state', () => {
    const state = reduceRunEvents(events);
    expect(state.lastSeq).toBe(events.length);
    expect(state.goal).toBe('Summarise the repository');
    expect(state.status).toBe('completed');
    expect(state.report?.finalAnswer).toBe('The repository has apps and packages.');
    expect(statusById(state.tasks)).toEqual({ '1': 'complete', '1.1': 'complete', '1.2': 'complete' });
    expect(state.usageByRole.actor).toMatchObject({ totalTokens: 120, calls: 1 });
    expect(state.usageByRole.planner).toMatchObject({ totalTokens: 350, calls: 1 });
  });

  it('keeps actor, persona, tools and the latest progress message on the task', () => {
    const state = reduceRunEvents(events.slice(0, 5));
    const task = state.tasks.find((candidate) => candidate.id === '1.1');
    expect(task).toMatchObject({
      status: 'in_progress',
      actor: 'actor-1.1',
      persona: 'Repository cartographer',
      tools: ['list_dir', 'update_progress'],
      lastProgress: 'Listed 3 entries',
    });
  });

  it('derives the parent status from its children as they progress', () => {
    const afterFirstLeaf = reduceRunEvents(events.slice(0, 7));
    expect(statusById(afterFirstLeaf.tasks)).toMatchObject({ '1': 'in_progress', '1.1': 'complete', '1.2': 'pending' });
    const afterSecondLeaf = reduceRunEvents(events.slice(0, 10));
    expect(statusById(afterSecondLeaf.tasks)['1']).toBe('complete');
  });

  it('ignores duplicates: the same state object comes back and nothing is counted twice', () => {
    const once = reduceRunEvents(events);
    const again = reduceRunEvents(events, once);
    expect(again).toBe(once);
    const interleaved = reduceRunEvents(events.flatMap((event) => [event, event]));
    expect(interleaved.usageByRole.actor?.calls).toBe(1);
    expect(interleaved.log).toEqual(once.log);
  });

  it('buffers events that arrive ahead of a gap and applies them in seq order when it fills', () => {
    const [first, second, third, ...rest] = events;
    let state = reduceRunEvents([first!]);
    state = reduceRunEvent(state, third!);
    expect(state.lastSeq).toBe(1);
    expect(state.tasks).toHaveLength(0);
    expect(missingSeqs(state)).toEqual([2]);
    state = reduceRunEvent(state, second!);
    expect(state.lastSeq).toBe(3);
    expect(state.pending).toEqual({});
    expect(state.tasks.find((task) => task.id === '1.1')?.status).toBe('in_progress');
    expect(reduceRunEvents(rest, state)).toEqual(reduceRunEvents(events));
  });

  it('reaches the same state from any arrival order, duplicates included', () => {
    const expected = reduceRunEvents(events);
    const shuffled = [...events].reverse().concat(events.slice(0, 4));
    expect(reduceRunEvents(shuffled, createRunState(sampleRunId))).toEqual(expected);
  });

  it('skips a gap the server cannot fill, applying what was buffered after it', () => {
    const withoutThird = events.filter((event) => event.seq !== 3);
    const stuck = reduceRunEvents(withoutThird);
    expect(stuck.lastSeq).toBe(2);
    const resumed = skipGap(stuck);
    expect(resumed.lastSeq).toBe(events.length);
    expect(resumed.status).toBe('completed');
    expect(resumed.pending).toEqual({});
    expect(skipGap(resumed)).toBe(resumed);
  });

  it('ignores events of another run', () => {
    const state = createRunState('other-run');
    expect(reduceRunEvent(state, events[0]!)).toBe(state);
  });

  it('marks an interrupted run without a report', () => {
    const state = reduceRunEvents([
      ...events.slice(0, 4),
      { type: 'run-end', runId: sampleRunId, seq: 5, ts: 9_999, status: 'interrupted', error: 'server restarted' },
    ]);
    expect(state.status).toBe('interrupted');
    expect(state.error).toBe('server restarted');
    expect(state.endedAt).toBe(9_999);
  });
});
