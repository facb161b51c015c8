import { normalizeError } from '@gepa-aime/core';
import type pg from 'pg';
import { ServiceUnavailableError } from '../../errors/service-unavailable-error';
import type { RunQueue } from '../../queue/run-queue';
import { KeyedChain } from '../keyed-chain';
import type { ClusterStats, RunCoordinator, SubmitRunInput } from '../run-coordinator';
import { RunIndex } from '../run-index';
import { newRunQueuedRecord } from '../run-log-record';
import type { RunManagerLogger } from '../run-observer';
import { applyRunRecord, isFinalStatus, type RunState } from '../run-state';
import { NotifyLag } from './notify-lag';
import { PgListener } from './pg-listener';
import type { PostgresRunStore } from './postgres-run-store';
import { parseRunNotification, RUN_CANCEL_CHANNEL, RUN_EVENTS_CHANNEL } from './run-notifications';
import { flagCancel, liveWorkers, runsChangedSince } from './run-rows';

export interface PostgresRunCoordinatorOptions {
  url: string;
  pool: pg.Pool;
  store: PostgresRunStore;
  queue: RunQueue;
  logger: RunManagerLogger;
  /** How long `cancel` waits for a running run to stop before answering (default 5 s). */
  cancelWaitMs?: number;
  /** Refresh of queue depth and live workers for `/metrics`, and the catch-up poll (default 2 s). */
  statsMs?: number;
  /** Once the index is built: start this process's worker and reaper. */
  afterRecover?: () => Promise<void>;
  /** First step of the shutdown: stop this process's worker (its runs go back to the queue). */
  beforeShutdown?: (graceMs: number | undefined) => Promise<void>;
}

/**
 * The API replica's side of the scale-out mode. `POST /runs` stores the run and queues a pg-boss
 * job; the run executes on some worker. Every replica LISTENs on the events channel and, per run in
 * seq order, reads what it has not seen from the table, folds it into its index and hands it to its
 * observers (WebSocket hub, SSE, metrics, GEPA view) — so a client on any replica gets every event
 * of every run once, in order. A lost connection is followed by a catch-up over the changed runs.
 */
export class PostgresRunCoordinator extends RunIndex implements RunCoordinator {
  private readonly chains: KeyedChain;
  private readonly listener: PgListener;
  private readonly lag = new NotifyLag();
  private readonly waiters = new Map<string, Set<() => void>>();
  private accepting = true;
  /** While the index is first built: events read are history (onRecoveredEvent), not live. */
  private recovering = true;
  private syncedUntil: Date | undefined;
  private statsTimer: NodeJS.Timeout | undefined;
  private stats: Omit<ClusterStats, 'notifyLagMs'> = { queuedJobs: 0, activeWorkers: 0, workerSlots: 0 };

  constructor(private readonly options: PostgresRunCoordinatorOptions) {
    super(options.logger);
    this.chains = new KeyedChain((runId, error) =>
      options.logger.error({ runId, error: normalizeError(error).message }, 'could not follow a run'),
    );
    this.listener = new PgListener({
      url: options.url,
      applicationName: 'aime-server',
      channels: [RUN_EVENTS_CHANNEL],
      logger: options.logger,
      onNotification: (_channel, payload) => {
        const notification = parseRunNotification(payload);
        if (!notification) return;
        this.lag.record(Date.now() - notification.at);
        const known = this.runs.get(notification.runId);
        if (known && notification.seq <= known.lastSeq) return;
        void this.follow(notification.runId);
      },
      onConnect: () => this.catchUp(),
    });
  }

  get queueDepth(): number {
    return this.stats.queuedJobs;
  }

  /** Runs executing now, anywhere in the cluster. */
  get activeCount(): number {
    let count = 0;
    for (const run of this.runs.values()) if (run.status === 'running') count += 1;
    return count;
  }

  /** Execution slots of the live workers. */
  get concurrency(): number {
    return this.stats.workerSlots;
  }

  clusterStats(): ClusterStats {
    return { ...this.stats, notifyLagMs: this.lag.summary() };
  }

  /** Starts listening, then folds every stored run (nothing is marked interrupted here: the reaper does that). */
  async recover(): Promise<{ runs: number; interrupted: string[] }> {
    await this.listener.start();
    this.recovering = false;
    await this.refreshStats();
    this.statsTimer = setInterval(() => {
      void this.refreshStats();
      void this.catchUp();
    }, this.options.statsMs ?? 2000);
    this.statsTimer.unref();
    await this.options.afterRecover?.();
    return { runs: this.runs.size, interrupted: [] };
  }

  async submit(input: SubmitRunInput): Promise<RunState> {
    if (!this.accepting) throw new ServiceUnavailableError('the server is shutting down and accepts no new runs');
    const record = newRunQueuedRecord(input);
    const { runId } = record;
    await this.options.store.append(runId, record);
    await this.options.queue.enqueue({ runId, attempt: 1 });
    this.options.logger.info({ runId }, 'run queued');
    await this.follow(runId);
    return this.require(runId);
  }

  /**
   * Flags the run (row lock: a worker's claim and this flag never both win). A queued run ends here;
   * a running one hears of it through NOTIFY (its worker also polls the flag) and stops within a
   * second; this waits, bounded, for its run-end to arrive.
   */
  /** A run another replica created a moment ago (its notification not handled yet) is read from the table. */
  override async load(runId: string): Promise<RunState> {
    if (!this.runs.has(runId)) await this.follow(runId);
    return this.require(runId);
  }

  async cancel(runId: string): Promise<RunState> {
    await this.load(runId);
    const status = await flagCancel(this.options.pool, runId);
    if (status === 'queued') {
      await this.chains.run(runId, async () => {
        const run = this.require(runId);
        await this.options.store.append(runId, {
          type: 'run-end',
          runId,
          seq: run.lastSeq + 1,
          ts: Date.now(),
          status: 'cancelled',
          error: 'cancelled before it started',
        });
      });
    } else if (status === 'running') {
      await this.options.pool.query('select pg_notify($1, $2)', [RUN_CANCEL_CHANNEL, runId]);
    }
    await this.follow(runId);
    await this.untilFinal(runId, this.options.cancelWaitMs ?? 5000);
    return this.require(runId);
  }

  async shutdown(graceMs?: number): Promise<void> {
    this.accepting = false;
    await this.options.beforeShutdown?.(graceMs);
    clearInterval(this.statsTimer);
    await this.listener.stop();
    await this.chains.allSettled();
    for (const resolvers of this.waiters.values()) for (const resolve of resolvers) resolve();
  }

  /** Reads and folds the run's events not yet seen here (serialised per run: each event once, in order). */
  private follow(runId: string): Promise<void> {
    return this.chains.run(runId, async () => {
      const known = this.runs.get(runId);
      if (!known) {
        const { records } = await this.options.store.read(runId);
        let run: RunState | undefined;
        for (const record of records) run = applyRunRecord(run, { ...record, runId });
        if (!run) return;
        this.runs.set(runId, run);
        this.notifyRunChange(run);
        for (const record of records) {
          if (record.type === 'run-queued') continue;
          if (this.recovering) this.notify((observer) => observer.onRecoveredEvent?.(record));
          else this.notify((observer) => observer.onEvent?.(run, record));
        }
        this.settle(run);
        return;
      }
      for (const event of await this.options.store.readEvents(runId, known.lastSeq))
        this.applyStoredEvent(known, event);
      this.settle(known);
    });
  }

  /** After a (re)connect and every few seconds: follow every run changed since the last catch-up. */
  private async catchUp(): Promise<void> {
    try {
      const changed = await runsChangedSince(this.options.pool, this.syncedUntil);
      await Promise.all(
        changed.runs
          .filter((run) => (this.runs.get(run.id)?.lastSeq ?? -1) < run.lastSeq || !this.runs.has(run.id))
          .map((run) => this.follow(run.id)),
      );
      this.syncedUntil = changed.next;
    } catch (error) {
      this.options.logger.warn({ error: normalizeError(error).message }, 'catch-up with the database failed');
    }
  }

  private async refreshStats(): Promise<void> {
    try {
      const [queuedJobs, workers] = await Promise.all([this.options.queue.size(), liveWorkers(this.options.pool)]);
      this.stats = { queuedJobs, activeWorkers: workers.count, workerSlots: workers.slots };
    } catch (error) {
      this.options.logger.warn({ error: normalizeError(error).message }, 'cluster stats refresh failed');
    }
  }

  private untilFinal(runId: string, timeoutMs: number): Promise<void> {
    const run = this.runs.get(runId);
    if (!run || isFinalStatus(run.status)) return Promise.resolve();
    return new Promise((resolve) => {
      const resolvers = this.waiters.get(runId) ?? new Set();
      const done = () => {
        clearTimeout(timer);
        resolvers.delete(done);
        if (resolvers.size === 0) this.waiters.delete(runId);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref();
      resolvers.add(done);
      this.waiters.set(runId, resolvers);
    });
  }

  private settle(run: RunState): void {
    if (!isFinalStatus(run.status)) return;
    for (const resolve of [...(this.waiters.get(run.id) ?? [])]) resolve();
  }
}
