import type { RunEvent } from '@gepa-aime/core';
import type { RunSummary } from '../api/types';

export type RunSummaries = Record<string, RunSummary>;

/** Newest first, as the server pages them. */
export function sortRuns(runs: RunSummaries): RunSummary[] {
  return Object.values(runs).sort((left, right) => right.createdAt - left.createdAt || right.id.localeCompare(left.id));
}

export function upsertRunSummary(runs: RunSummaries, summary: RunSummary): RunSummaries {
  const known = runs[summary.id];
  return { ...runs, [summary.id]: { ...known, ...summary } };
}

/** Keeps the runs list live from the event stream (a run's start and end move its badge). */
export function reduceRunSummaryEvent(runs: RunSummaries, event: RunEvent): RunSummaries {
  const known = runs[event.runId];
  if (event.type === 'run-start') {
    if (known && known.status !== 'queued') return runs;
    return upsertRunSummary(runs, {
      id: event.runId,
      goal: event.goal,
      createdAt: known?.createdAt ?? event.ts,
      status: 'running',
      startedAt: event.ts,
    });
  }
  if (event.type === 'run-end' && known && known.status !== event.status) {
    return upsertRunSummary(runs, { ...known, status: event.status, endedAt: event.ts });
  }
  return runs;
}
