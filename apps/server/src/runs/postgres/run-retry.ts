import { normalizeError } from '@gepa-aime/core';
import type pg from 'pg';
import { inTransaction } from '../../db/database-pool';
import { EventSequenceError } from '../../errors/event-sequence-error';
import type { RunQueue } from '../../queue/run-queue';
import type { RunManagerLogger } from '../run-observer';
import { applyRunRecord, type RunState, runEndFromState } from '../run-state';
import type { PostgresRunStore } from './postgres-run-store';
import { orphanedRuns, reopenForRetry } from './run-rows';

export interface RunRetryOptions {
  pool: pg.Pool;
  store: PostgresRunStore;
  queue: RunQueue;
  /** 1 + AIME_RETRY_INTERRUPTED. */
  maxAttempts: number;
  logger: RunManagerLogger;
}

/**
 * Interrupted runs: a dead worker's run gets its `run-end: interrupted` (written by whoever notices
 * first — the seq guard lets only one writer win) and, while attempts are left, goes back to the
 * queue as the next attempt, in the same transaction as its new job.
 */
export class RunRetry {
  constructor(private readonly options: RunRetryOptions) {}

  /** Re-queues an interrupted run as its next attempt if one is left; true when it was. */
  async retry(runId: string, attempt: number): Promise<boolean> {
    const { pool, queue, maxAttempts, logger } = this.options;
    const reopened = await inTransaction(pool, async (client) => {
      if (!(await reopenForRetry(client, runId, attempt, maxAttempts))) return false;
      await queue.enqueue({ runId, attempt: attempt + 1 }, client);
      return true;
    });
    if (reopened) logger.warn({ runId, attempt: attempt + 1 }, 'interrupted run queued again');
    return reopened;
  }

  /** Ends a running attempt whose worker is gone, then retries it. */
  async interruptOrphan(runId: string, attempt: number): Promise<void> {
    const { store, logger } = this.options;
    const { records } = await store.read(runId);
    let run: RunState | undefined;
    for (const record of records) run = applyRunRecord(run, { ...record, runId });
    // Another sweep (every replica and worker sweeps) ended it after this one listed it: its seq is
    // free again, so only the status tells that the attempt is over.
    if (run?.status !== 'running') return;
    const error = 'the worker executing the run stopped (process died or lost its database connection)';
    const event = runEndFromState(run, 'interrupted', error, attempt);
    try {
      await store.append(runId, event, { attempt });
    } catch (failure) {
      // Another replica or worker noticed first (or the worker came back and wrote on): nothing to do.
      if (failure instanceof EventSequenceError) return;
      throw failure;
    }
    logger.warn({ runId, attempt }, 'run of a dead worker marked interrupted');
    await this.retry(runId, attempt);
  }
}

/** Every few seconds: finds running runs whose worker's session is gone and interrupts them. */
export class OrphanReaper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping = false;

  constructor(
    private readonly pool: pg.Pool,
    private readonly retry: RunRetry,
    private readonly logger: RunManagerLogger,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    if (this.sweeping) return;
    this.sweeping = true;
    try {
      for (const orphan of await orphanedRuns(this.pool)) await this.retry.interruptOrphan(orphan.id, orphan.attempt);
    } catch (error) {
      this.logger.warn({ error: normalizeError(error).message }, 'orphaned-run sweep failed');
    } finally {
      this.sweeping = false;
    }
  }
}
