import { describe, expect, it } from 'vitest';
import { sampleRunEvents } from '../testing/sample-run-events';
import { reduceRunSummaryEvent, sortRuns, upsertRunSummary } from './run-summaries';

const events = sampleRunEvents('run-9');

describe('run summaries', () => {
  it('adds a run from its start event and moves its badge on run-end', () => {
    let runs = reduceRunSummaryEvent({}, events[0]!);
    expect(runs['run-9']).toMatchObject({ goal: 'Summarise the repository', status: 'running', startedAt: 1_000 });
    runs = reduceRunSummaryEvent(runs, events.at(-1)!);
    expect(runs['run-9']).toMatchObject({ status: 'completed', endedAt: events.at(-1)!.ts });
  });

  it('never moves a finished run back to running when a stale list arrives late', () => {
    let runs = upsertRunSummary({}, { id: 'a', goal: 'g', status: 'running', createdAt: 1 });
    runs = upsertRunSummary(runs, { id: 'a', goal: 'g', status: 'cancelled', createdAt: 1, endedAt: 5 });
    runs = upsertRunSummary(runs, { id: 'a', goal: 'g', status: 'running', createdAt: 1, endedAt: null });
    expect(runs.a).toMatchObject({ status: 'cancelled', endedAt: 5 });
  });

  it('sorts newest first', () => {
    let runs = upsertRunSummary({}, { id: 'old', goal: 'g', status: 'completed', createdAt: 1 });
    runs = upsertRunSummary(runs, { id: 'new', goal: 'g', status: 'queued', createdAt: 2 });
    expect(sortRuns(runs).map((run) => run.id)).toEqual(['new', 'old']);
  });
});
