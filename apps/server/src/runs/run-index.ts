import { normalizeError, type RunEvent } from '@gepa-aime/core';
import { RunNotFoundError } from '../errors/run-not-found-error';
import { listRuns, type RunListPage, type RunListQuery } from './run-list';
import type { RunManagerLogger, RunObserver } from './run-observer';
import { applyRunRecord, type RunState } from './run-state';

const PLAN_EVENT_TYPES: ReadonlySet<RunEvent['type']> = new Set(['run-start', 'plan-update', 'task-end', 'run-end']);

/**
 * The runs folded from the store, by id, and the observers hearing of them — what the embedded
 * RunManager and the scale-out PostgresRunCoordinator both keep.
 */
export abstract class RunIndex {
  protected readonly runs = new Map<string, RunState>();
  private readonly observers = new Set<RunObserver>();

  protected constructor(protected readonly logger: RunManagerLogger) {}

  observe(observer: RunObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  get(runId: string): RunState | undefined {
    return this.runs.get(runId);
  }

  require(runId: string): RunState {
    const run = this.runs.get(runId);
    if (!run) throw new RunNotFoundError(runId);
    return run;
  }

  /** One process holds every run of the embedded mode: the index is the store. */
  async load(runId: string): Promise<RunState> {
    return this.require(runId);
  }

  all(): IterableIterator<RunState> {
    return this.runs.values();
  }

  list(query: RunListQuery): RunListPage {
    return listRuns(this.runs.values(), query);
  }

  /** Folds a stored event into its run, then tells the observers: the event, and the run when its status or plan changed. */
  protected applyStoredEvent(run: RunState, event: RunEvent): void {
    const statusBefore = run.status;
    applyRunRecord(run, event);
    this.notify((observer) => observer.onEvent?.(run, event));
    if (run.status !== statusBefore || PLAN_EVENT_TYPES.has(event.type)) this.notifyRunChange(run);
  }

  protected notifyRunChange(run: RunState): void {
    this.notify((observer) => observer.onRunChange?.(run));
  }

  /** An observer that throws is logged and does not stop the others or the run. */
  protected notify(call: (observer: RunObserver) => void): void {
    for (const observer of this.observers) {
      try {
        call(observer);
      } catch (error) {
        this.logger.error({ error: normalizeError(error).message }, 'run observer failed');
      }
    }
  }
}
