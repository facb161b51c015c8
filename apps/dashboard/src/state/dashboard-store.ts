import type { RunEvent } from '@gepa-aime/core';
import type { GEPAOverview, RunSummary } from '../api/types';
import { type ConnectionState, initialConnection } from './connection-state';
import { reduceRunEvent, skipGap } from './run-reducer';
import { createRunState, type RunState } from './run-state';
import { type RunSummaries, reduceRunSummaryEvent, upsertRunSummary } from './run-summaries';

export interface DashboardState {
  runs: RunSummaries;
  /** Full event-derived state, kept for the runs the user has opened. */
  runStates: Record<string, RunState>;
  connection: ConnectionState;
  gepa?: GEPAOverview;
  gepaError?: string;
  /** True while the UI must ask for the API token (a request came back 401). */
  tokenRequired: boolean;
  /** Runs the server does not know (a stale link). */
  missingRuns: Record<string, true>;
  /** Cursor of the next (older) page of runs; null when the list is complete. */
  olderRunsCursor: string | null;
}

type Listener = () => void;

/** A tiny external store for useSyncExternalStore: every change produces a new immutable snapshot. */
export class DashboardStore {
  private state: DashboardState = {
    runs: {},
    runStates: {},
    connection: initialConnection,
    tokenRequired: false,
    missingRuns: {},
    olderRunsCursor: null,
  };
  private readonly listeners = new Set<Listener>();

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): DashboardState => this.state;

  private update(next: DashboardState): void {
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  /** Highest contiguous seq applied for a run (0 when nothing is known): where a resume starts. */
  lastSeq(runId: string): number {
    return this.state.runStates[runId]?.lastSeq ?? 0;
  }

  trackRun(runId: string): void {
    if (this.state.runStates[runId]) return;
    this.update({ ...this.state, runStates: { ...this.state.runStates, [runId]: createRunState(runId) } });
  }

  ingestEvents(events: readonly RunEvent[]): void {
    let { runs, runStates } = this.state;
    for (const event of events) {
      runs = reduceRunSummaryEvent(runs, event);
      const runState = runStates[event.runId];
      if (runState) {
        const next = reduceRunEvent(runState, event);
        if (next !== runState) runStates = { ...runStates, [event.runId]: next };
      }
    }
    if (runs === this.state.runs && runStates === this.state.runStates) return;
    this.update({ ...this.state, runs, runStates });
  }

  /** Applies what is buffered past a gap the server cannot fill. */
  skipGap(runId: string): void {
    const runState = this.state.runStates[runId];
    if (!runState) return;
    const next = skipGap(runState);
    if (next !== runState) this.update({ ...this.state, runStates: { ...this.state.runStates, [runId]: next } });
  }

  replaceRuns(summaries: readonly RunSummary[]): void {
    let runs = this.state.runs;
    for (const summary of summaries) runs = upsertRunSummary(runs, summary);
    this.update({ ...this.state, runs });
  }

  /** Remembers where the next page of older runs starts. */
  setOlderRunsCursor(cursor: string | null): void {
    if (cursor === this.state.olderRunsCursor) return;
    this.update({ ...this.state, olderRunsCursor: cursor });
  }

  upsertRun(summary: RunSummary): void {
    this.update({ ...this.state, runs: upsertRunSummary(this.state.runs, summary) });
  }

  setConnection(connection: ConnectionState): void {
    this.update({ ...this.state, connection });
  }

  setGEPA(gepa: GEPAOverview | undefined, gepaError?: string): void {
    this.update({ ...this.state, gepa: gepa ?? this.state.gepa, gepaError });
  }

  markRunMissing(runId: string): void {
    if (this.state.missingRuns[runId]) return;
    this.update({ ...this.state, missingRuns: { ...this.state.missingRuns, [runId]: true } });
  }

  setTokenRequired(tokenRequired: boolean): void {
    if (tokenRequired === this.state.tokenRequired) return;
    this.update({ ...this.state, tokenRequired });
  }
}
