import type pg from 'pg';
import { createDatabasePool } from '../db/database-pool';
import { RunQueue } from '../queue/run-queue';
import { PostgresRunStore } from '../runs/postgres/postgres-run-store';
import { OrphanReaper, RunRetry } from '../runs/postgres/run-retry';
import type { RunManagerLogger } from '../runs/run-observer';

export interface ScaleOutServices {
  url: string;
  pool: pg.Pool;
  store: PostgresRunStore;
  queue: RunQueue;
  retry: RunRetry;
  reaper: OrphanReaper;
  close(): Promise<void>;
}

/**
 * What servers and workers of the scale-out mode share: the pool, the store (schema checked: an
 * unmigrated or newer database refuses to start), the pg-boss queue, retries and the reaper.
 */
export async function openScaleOutServices(options: {
  url: string;
  applicationName: string;
  retryInterrupted: number;
  logger: RunManagerLogger;
}): Promise<ScaleOutServices> {
  const { url, logger } = options;
  const pool = createDatabasePool({ url, applicationName: options.applicationName });
  try {
    const store = new PostgresRunStore(pool);
    await store.initialise();
    const queue = new RunQueue(pool, { url, applicationName: `${options.applicationName}-queue` });
    await queue.start();
    const retry = new RunRetry({ pool, store, queue, maxAttempts: 1 + options.retryInterrupted, logger });
    const reaper = new OrphanReaper(pool, retry, logger);
    return {
      url,
      pool,
      store,
      queue,
      retry,
      reaper,
      close: async () => {
        reaper.stop();
        await store.close();
        await queue.stop().catch(() => undefined);
        await pool.end();
      },
    };
  } catch (error) {
    await pool.end();
    throw error;
  }
}
