import type { RunRequest } from './run-executor';
import type { RunListPage, RunListQuery } from './run-list';
import type { RunObserver } from './run-observer';
import type { RunState } from './run-state';

export type SubmitRunInput = Omit<RunRequest, 'runId'>;

/** What several processes share in the scale-out mode (shown by `/metrics`). */
export interface ClusterStats {
  /** Jobs waiting in the queue for a worker. */
  queuedJobs: number;
  /** Workers whose database session is alive. */
  activeWorkers: number;
  /** Sum of their AIME_CONCURRENCY. */
  workerSlots: number;
  /** NOTIFY → this replica, milliseconds, over the recent notifications. */
  notifyLagMs: { p50: number; p99: number; max: number; count: number };
}

/**
 * The runs as the API sees them: the index folded from the store, submit and cancel, observers
 * hearing of every stored event in seq order. The embedded RunManager executes runs itself; the
 * scale-out coordinator queues them for workers and follows their events through NOTIFY.
 */
export interface RunCoordinator {
  observe(observer: RunObserver): () => void;
  readonly queueDepth: number;
  readonly activeCount: number;
  readonly concurrency: number;
  get(runId: string): RunState | undefined;
  require(runId: string): RunState;
  /**
   * Like `require`, but a run this process has not indexed yet (created on another replica a
   * moment ago) is looked up in the store first. RunNotFoundError when the store has none either.
   */
  load(runId: string): Promise<RunState>;
  all(): IterableIterator<RunState>;
  list(query: RunListQuery): RunListPage;
  /** Rebuilds the index from the store (at start). */
  recover(): Promise<{ runs: number; interrupted: string[] }>;
  submit(input: SubmitRunInput): Promise<RunState>;
  /** Idempotent: cancels a queued or running run, waits (bounded) for it to stop, returns its state. */
  cancel(runId: string): Promise<RunState>;
  shutdown(graceMs?: number): Promise<void>;
  /** Scale-out mode only. */
  clusterStats?(): ClusterStats;
}
