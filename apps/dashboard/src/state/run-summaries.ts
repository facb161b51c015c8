import type { RunEvent } from '@gepa-aime/core';
import type { RunSummary } from '../api/types';
import { isFinalStatus } from './run-state';

export type RunSummaries = Record<string, RunSummary>;

/** Newest first, as the server pages them. */
export function sortRuns(runs: RunSummaries): RunSummary[] {
  return Object.values(runs).sort((left, right) => right.createdAt - left.createdAt || right.id.localeCompare(left.id));
}

/**
 * Merges a newer view of a run. A run never leaves a final status, so a stale answer (a list fetched
 * before the run ended but delivered after its run-end event) cannot move its badge back.
 */
export function upsertRunSummary(runs: RunSummaries, summary: RunSummary): RunSummaries {
  const known = runs[summary.id];
  const stale = known && isFinalStatus(known.status) && !isFinalStatus(summary.status);
  const merged = stale
    ? { ...known, ...summary, status: known.status, endedAt: known.endedAt }
    : { ...known, ...summary };
  return { ...runs, [summary.id]: merged };
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
