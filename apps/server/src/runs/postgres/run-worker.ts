import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { type FinalRunStatus, normalizeError, type RunEvent } from '@gepa-aime/core';
import type pg from 'pg';
import { ADVISORY_LOCK_NAMESPACE } from '../../db/database-pool';
import type { RunJob, RunQueue } from '../../queue/run-queue';
import { KeyedChain } from '../keyed-chain';
import { raceTimeout } from '../race-timeout';
import type { RunExecutor } from '../run-executor';
import type { RunManagerLogger } from '../run-observer';
import { applyRunRecord, isFinalStatus, type RunState, runEndFromState } from '../run-state';
import { PgListener } from './pg-listener';
import type { PostgresRunStore } from './postgres-run-store';
import { APPROVAL_ANSWER_CHANNEL, RUN_CANCEL_CHANNEL, RUN_QUEUED_CHANNEL } from './run-notifications';
import type { RunRetry } from './run-retry';
import { type ClaimedRun, cancelledRunIds, claimRun } from './run-rows';
import { StoredApprovalGates } from './stored-approval-gates';

export interface RunWorkerOptions {
  url: string;
  pool: pg.Pool;
  store: PostgresRunStore;
  queue: RunQueue;
  retry: RunRetry;
  executor: RunExecutor;
  /** Runs executed at once by this worker (AIME_CONCURRENCY). */
  concurrency: number;
  logger: RunManagerLogger;
  /** Fallback poll for jobs, cancel flags and approval answers, besides NOTIFY (default 500 ms). */
  pollMs?: number;
}

interface Execution {
  controller: AbortController;
  /** Stopped by this worker's shutdown or lost lease: the run ends `interrupted` and may be retried. */
  interrupted: boolean;
  done: Promise<void>;
}

/**
 * Executes queued runs (`aime worker`, or a server with AIME_WORKER=1): fetches pg-boss jobs for
 * its free slots, claims each run's row for the job's attempt, and stores every event the workflow
 * emits (seq shifted after earlier attempts, `attempt` set). Its dedicated connection LISTENs for
 * cancels and new jobs and holds the advisory lock that tells everyone it is alive.
 */
export class RunWorker {
  readonly id = `worker-${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly active = new Map<string, Execution>();
  private readonly listener: PgListener;
  /** Approval requests of this worker's runs, answered through PostgreSQL by any API replica. */
  private readonly approvals: StoredApprovalGates;
  private pollTimer: NodeJS.Timeout | undefined;
  private stopping = false;
  private filling = false;
  private fillAgain = false;
  private leased = false;

  constructor(private readonly options: RunWorkerOptions) {
    this.approvals = new StoredApprovalGates(options.pool, options.logger);
    this.listener = new PgListener({
      url: options.url,
      applicationName: 'aime-worker',
      channels: [RUN_CANCEL_CHANNEL, RUN_QUEUED_CHANNEL, APPROVAL_ANSWER_CHANNEL],
      logger: options.logger,
      onNotification: (channel, payload) => {
        if (channel === RUN_CANCEL_CHANNEL && payload) this.abort(payload, false);
        else if (channel === RUN_QUEUED_CHANNEL) this.fill();
        else if (channel === APPROVAL_ANSWER_CHANNEL && payload && this.active.has(payload)) this.approvals.check();
      },
      onConnect: (client) => this.register(client),
      onDisconnect: () => this.loseLease(),
    });
  }

  get activeCount(): number {
    return this.active.size;
  }

  async start(): Promise<void> {
    await this.listener.start();
    this.pollTimer = setInterval(() => {
      this.fill();
      void this.checkCancelFlags();
      this.approvals.check();
    }, this.options.pollMs ?? 500);
    this.pollTimer.unref();
    this.fill();
  }

  /** Stops taking jobs, interrupts running runs (they go back to the queue while attempts are left). */
  async stop(graceMs = 10_000): Promise<void> {
    this.stopping = true;
    clearInterval(this.pollTimer);
    const running = [...this.active.values()];
    for (const execution of running) {
      execution.interrupted = true;
      execution.controller.abort(new Error('worker shutting down'));
    }
    await raceTimeout(Promise.all(running.map((execution) => execution.done)), graceMs);
    await this.listener.stop();
  }

  private async register(client: pg.Client): Promise<void> {
    const { concurrency } = this.options;
    const result = await client.query<{ lock_key: number }>(
      `insert into aime.workers (id, host, pid, concurrency) values ($1, $2, $3, $4)
       on conflict (id) do update set concurrency = excluded.concurrency returning lock_key`,
      [this.id, hostname(), process.pid, concurrency],
    );
    // Held for the life of this session: its presence in pg_locks is this worker's liveness.
    await client.query('select pg_advisory_lock($1, $2)', [ADVISORY_LOCK_NAMESPACE, result.rows[0]?.lock_key]);
    this.leased = true;
    this.options.logger.info({ workerId: this.id, concurrency }, 'worker registered');
    this.fill();
  }

  /** Without its session the worker's runs are orphans others will interrupt: stop them here too. */
  private loseLease(): void {
    this.leased = false;
    for (const runId of this.active.keys()) this.abort(runId, true);
  }

  private abort(runId: string, interrupted: boolean): void {
    const execution = this.active.get(runId);
    if (!execution || execution.controller.signal.aborted) return;
    execution.interrupted ||= interrupted;
    this.options.logger.info({ runId, workerId: this.id }, interrupted ? 'run interrupted' : 'run cancel requested');
    execution.controller.abort(new Error(interrupted ? 'worker lost its lease' : 'cancelled by request'));
  }

  private async checkCancelFlags(): Promise<void> {
    if (this.active.size === 0) return;
    try {
      for (const runId of await cancelledRunIds(this.options.pool, [...this.active.keys()])) this.abort(runId, false);
    } catch (error) {
      this.options.logger.warn({ error: normalizeError(error).message }, 'cancel check failed');
    }
  }

  /** Fetches jobs for the free slots until the queue has no more or the slots are full. */
  private fill(): void {
    if (this.filling) {
      this.fillAgain = true;
      return;
    }
    this.filling = true;
    void (async () => {
      try {
        do {
          this.fillAgain = false;
          const free = this.options.concurrency - this.active.size;
          if (this.stopping || !this.leased || free <= 0) break;
          const jobs = await this.options.queue.fetch(free);
          for (const job of jobs) this.begin(job);
          if (jobs.length === free) this.fillAgain = true;
        } while (this.fillAgain);
      } catch (error) {
        this.options.logger.warn({ error: normalizeError(error).message }, 'fetching run jobs failed');
      } finally {
        this.filling = false;
      }
    })();
  }

  private begin(job: RunJob): void {
    const execution: Execution = { controller: new AbortController(), interrupted: false, done: Promise.resolve() };
    const { runId } = job.data;
    this.active.set(runId, execution);
    execution.done = this.execute(job, execution)
      .catch((error: unknown) =>
        this.options.logger.error({ runId, error: normalizeError(error).message }, 'run execution failed'),
      )
      .finally(async () => {
        this.active.delete(runId);
        await this.options.queue.complete(job.id);
        this.fill();
      });
  }

  private async execute(job: RunJob, execution: Execution): Promise<void> {
    const { runId, attempt } = job.data;
    const claim = await claimRun(this.options.pool, runId, attempt, this.id);
    if (!claim) return; // cancelled while queued, or a job of an attempt that is over
    this.options.logger.info({ runId, attempt, workerId: this.id }, 'run started');
    const run = await this.runAttempt(runId, attempt, claim, execution);
    this.options.logger.info({ runId, attempt, status: run.status }, 'run ended');
    // A shutdown or a lost lease: the run goes to the next attempt (on another worker) if one is left.
    if (run.status === 'interrupted') await this.options.retry.retry(runId, attempt);
  }

  private async runAttempt(runId: string, attempt: number, claim: ClaimedRun, execution: Execution): Promise<RunState> {
    const { store, executor, logger } = this.options;
    const { signal } = execution.controller;
    const run = applyRunRecord(undefined, claim.queued);
    // Earlier attempts' events (and their run-end) come first: this attempt continues after them.
    run.lastSeq = claim.lastSeq;
    const chain = new KeyedChain((key, error) =>
      logger.error({ runId: key, error: normalizeError(error).message }, 'could not store a run event'),
    );
    const storeEvent = async (event: RunEvent) => {
      await store.append(runId, event, { attempt });
      applyRunRecord(run, event);
    };
    const onEvent = (incoming: RunEvent) =>
      chain.run(runId, async () => {
        // Events after the attempt ended (a forced stop) and replays of a seq are dropped.
        const seq = claim.lastSeq + incoming.seq;
        if (isFinalStatus(run.status) || seq <= run.lastSeq) return;
        let event: RunEvent = { ...incoming, runId, seq, attempt };
        if (event.type === 'run-end' && execution.interrupted && event.status === 'cancelled') {
          event = {
            ...event,
            status: 'interrupted',
            report: event.report && { ...event.report, status: 'interrupted' },
          };
        }
        await storeEvent(event);
      });
    let failure: string | undefined;
    try {
      const { queued } = claim;
      await executor(
        {
          runId,
          goal: queued.goal,
          ...(queued.maxIterations !== undefined ? { maxIterations: queued.maxIterations } : {}),
          ...(queued.maxParallelActors !== undefined ? { maxParallelActors: queued.maxParallelActors } : {}),
        },
        { signal, onEvent, approvals: this.approvals.gateFor(runId) },
      );
    } catch (error) {
      failure = normalizeError(error).message;
      logger.error({ runId, error: failure }, 'run executor failed');
    }
    await chain.settled(runId);
    if (!isFinalStatus(run.status)) {
      const status: FinalRunStatus = execution.interrupted ? 'interrupted' : signal.aborted ? 'cancelled' : 'failed';
      const error = failure ?? 'the workflow ended without a run-end event';
      await storeEvent(runEndFromState(run, status, error, attempt)).catch((error: unknown) =>
        logger.warn({ runId, error: normalizeError(error).message }, 'could not store the run-end'),
      );
    }
    return run;
  }
}
