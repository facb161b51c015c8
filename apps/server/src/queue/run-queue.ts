import { ConfigError } from '@gepa-aime/core';
import type pg from 'pg';
import PgBoss from 'pg-boss';
import { RUN_QUEUED_CHANNEL } from '../runs/postgres/run-notifications';

/** The pg-boss queue holding one job per run attempt. */
export const RUN_QUEUE_NAME = 'aime-runs';

/** Never retried by pg-boss (the reaper re-queues), kept active for up to 23 h (pg-boss's limit is 24). */
const JOB_OPTIONS = { retryLimit: 0, expireInSeconds: 23 * 60 * 60, retentionMinutes: 24 * 60 };

export interface RunJobData {
  runId: string;
  attempt: number;
}

export interface RunJob {
  id: string;
  data: RunJobData;
}

/**
 * A pg-boss job per run attempt. The job carries no state of its own: a worker claims the run row
 * for the job's attempt (so a stale or duplicate job runs nothing), and a dead worker is noticed by
 * its lost advisory lock, not by the job's expiry — jobs are never retried by pg-boss.
 */
export class RunQueue {
  private readonly boss: PgBoss;

  constructor(
    private readonly pool: pg.Pool,
    options: { url: string; applicationName: string; supervise?: boolean; migrate?: boolean },
  ) {
    this.boss = new PgBoss({
      connectionString: options.url,
      application_name: options.applicationName,
      max: 3,
      migrate: options.migrate ?? false,
      supervise: options.supervise ?? true,
      schedule: false,
    });
    this.boss.on('error', () => undefined);
  }

  async start(): Promise<void> {
    try {
      await this.boss.start();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new ConfigError(`the pg-boss queue is not ready (${message}): run \`aime db migrate\``);
    }
    await this.boss.createQueue(RUN_QUEUE_NAME, { name: RUN_QUEUE_NAME, ...JOB_OPTIONS });
  }

  /** Queues a run attempt and wakes idle workers; `client`: inside the caller's transaction. */
  async enqueue(job: RunJobData, client?: pg.PoolClient): Promise<void> {
    const db = client ? { executeSql: (text: string, values: unknown[]) => client.query(text, values) } : undefined;
    await this.boss.send(RUN_QUEUE_NAME, job, db ? { ...JOB_OPTIONS, db } : JOB_OPTIONS);
    await (client ?? this.pool).query('select pg_notify($1, $2)', [RUN_QUEUED_CHANNEL, job.runId]);
  }

  async fetch(count: number): Promise<RunJob[]> {
    const jobs = await this.boss.fetch<RunJobData>(RUN_QUEUE_NAME, { batchSize: count });
    return jobs.map((job) => ({ id: job.id, data: job.data }));
  }

  async complete(jobId: string): Promise<void> {
    await this.boss.complete(RUN_QUEUE_NAME, jobId).catch(() => undefined);
  }

  /** Jobs waiting for a worker. */
  size(): Promise<number> {
    return this.boss.getQueueSize(RUN_QUEUE_NAME);
  }

  async stop(): Promise<void> {
    await this.boss.stop({ graceful: false, wait: true, close: true });
  }

  /** Installs or upgrades pg-boss's own schema and creates the run queue (`aime db migrate`). */
  static async install(url: string): Promise<void> {
    const boss = new PgBoss({ connectionString: url, migrate: true, supervise: false, schedule: false, max: 2 });
    boss.on('error', () => undefined);
    await boss.start();
    await boss.createQueue(RUN_QUEUE_NAME, { name: RUN_QUEUE_NAME, ...JOB_OPTIONS });
    await boss.stop({ graceful: false, wait: true, close: true });
  }
}
