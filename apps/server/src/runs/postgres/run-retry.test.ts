import type { RunEvent } from '@gepa-aime/core';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool } from '../../db/database-pool';
import { migrateDatabase } from '../../db/migrate';
import type { RunQueue } from '../../queue/run-queue';
import { createTestDatabase, type TestDatabase } from '../../test-support/postgres/test-database';
import { PostgresRunStore } from './postgres-run-store';
import { RunRetry } from './run-retry';

let database: TestDatabase;
let pool: pg.Pool;
let store: PostgresRunStore;
beforeAll(async () => {
  database = await createTestDatabase();
  pool = createDatabasePool({ url: database.url, applicationName: 'aime-run-retry-test', max: 4 });
  await migrateDatabase(pool);
  store = new PostgresRunStore(pool);
  await store.initialise();
});
afterAll(async () => {
  await store?.close();
  await pool?.end();
  await database?.drop();
});

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
/** No attempt is left in these tests: a retry would be a bug, so the queue refuses to be used. */
const unusedQueue = {
  enqueue: () => {
    throw new Error('no run may be queued again here');
  },
} as unknown as RunQueue;

async function runningRun(runId: string): Promise<void> {
  await store.append(runId, { type: 'run-queued', runId, seq: 0, ts: 1, goal: 'a goal' });
  const start: RunEvent = {
    type: 'run-start',
    runId,
    seq: 1,
    ts: 2,
    goal: 'a goal',
    model: 'fake',
    maxIterations: 4,
    maxParallelActors: 1,
  };
  await store.append(runId, start, { attempt: 1 });
}

describe('RunRetry.interruptOrphan', () => {
  it('ends an orphaned attempt once, even when two sweeps (replicas) find it running', async () => {
    await runningRun('run-orphan');
    const retry = new RunRetry({ pool, store, queue: unusedQueue, maxAttempts: 1, logger: silent });
    // Both sweeps listed the run as running; the second acts after the first wrote its run-end.
    await retry.interruptOrphan('run-orphan', 1);
    await retry.interruptOrphan('run-orphan', 1);
    const ends = (await store.readEvents('run-orphan')).filter((event) => event.type === 'run-end');
    expect(ends).toHaveLength(1);
    expect(ends[0]).toMatchObject({ status: 'interrupted', attempt: 1 });
  });
});
