import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabasePool } from '../db/database-pool';
import { migrateDatabase } from '../db/migrate';
import { EventSequenceError } from '../errors/event-sequence-error';
import { createTestDatabase, type TestDatabase } from '../test-support/postgres/test-database';
import { FileRunStore } from './file-run-store';
import { PostgresRunStore } from './postgres/postgres-run-store';
import type { RunQueuedRecord } from './run-log-record';
import type { RunStore } from './run-store';

/** Opens a store over one storage; a second call opens another instance over the same storage. */
interface StoreHarness {
  open(): Promise<RunStore>;
  cleanup(): Promise<void>;
}

async function fileHarness(): Promise<StoreHarness> {
  const directory = await mkdtemp(join(tmpdir(), 'aime-run-store-contract-'));
  const opened: RunStore[] = [];
  return {
    open: async () => {
      const store = new FileRunStore(directory);
      await store.initialise();
      opened.push(store);
      return store;
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function postgresHarness(): Promise<StoreHarness> {
  const database: TestDatabase = await createTestDatabase();
  const pools = [createDatabasePool({ url: database.url, applicationName: 'aime-contract-test' })];
  await migrateDatabase(pools[0]!);
  return {
    open: async () => {
      const pool = createDatabasePool({ url: database.url, applicationName: 'aime-contract-test' });
      pools.push(pool);
      const store = new PostgresRunStore(pool);
      await store.initialise();
      return store;
    },
    cleanup: async () => {
      for (const pool of pools) await pool.end();
      await database.drop();
    },
  };
}

function queued(runId: string, ts = 1): RunQueuedRecord {
  return { type: 'run-queued', runId, seq: 0, ts, goal: `goal of ${runId}` };
}

function progress(runId: string, seq: number): RunEvent {
  return {
    type: 'progress-update',
    runId,
    seq,
    ts: 1000 + seq,
    taskId: 't1',
    status: 'in_progress',
    message: `step ${seq}`,
  };
}

describe.each([
  ['FileRunStore', fileHarness],
  ['PostgresRunStore', postgresHarness],
])('RunStore contract: %s', (_name, createHarness) => {
  let harness: StoreHarness;
  let store: RunStore;
  beforeAll(async () => {
    harness = await createHarness();
    store = await harness.open();
  });
  afterAll(async () => {
    await harness?.cleanup();
  });

  it('keeps the queued record first, then the events in seq order, even when appends are not awaited one by one', async () => {
    await store.append('run-order', queued('run-order'));
    await Promise.all(
      Array.from({ length: 40 }, (_, index) => store.append('run-order', progress('run-order', index + 1))),
    );
    const { records, skippedLines } = await store.read('run-order');
    expect(skippedLines).toBe(0);
    expect(records.map((record) => record.seq)).toEqual(Array.from({ length: 41 }, (_, index) => index));
    expect(records[0]).toEqual(queued('run-order'));
    expect(records[7]).toEqual(progress('run-order', 7));
  });

  it('reads events after a seq with a limit, without the queued record', async () => {
    expect((await store.readEvents('run-order', 2, 3)).map((event) => event.seq)).toEqual([3, 4, 5]);
    expect((await store.readEvents('run-order', 38)).map((event) => event.seq)).toEqual([39, 40]);
    expect((await store.readEvents('run-order')).every((event) => event.type === 'progress-update')).toBe(true);
  });

  it('stores each seq exactly once: a replay, a gap and a second queued record are refused', async () => {
    await store.append('run-once', queued('run-once'));
    await store.append('run-once', progress('run-once', 1));
    await store.append('run-once', progress('run-once', 2));
    const replay = { ...progress('run-once', 2), message: 'a second writer' } as RunEvent;
    await expect(store.append('run-once', replay)).rejects.toBeInstanceOf(EventSequenceError);
    await expect(store.append('run-once', progress('run-once', 4))).rejects.toMatchObject({ code: 'event_sequence' });
    await expect(store.append('run-once', queued('run-once', 2))).rejects.toBeInstanceOf(EventSequenceError);
    await store.append('run-once', progress('run-once', 3));
    const events = await store.readEvents('run-once');
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(events[1]).toEqual(progress('run-once', 2));
  });

  it('knows nothing of an unknown run and refuses ids that are not run ids', async () => {
    expect(await store.readEvents('run-unknown')).toEqual([]);
    expect((await store.read('run-unknown')).records).toEqual([]);
    await expect(store.append('../escape', queued('../escape'))).rejects.toThrow(/invalid run id/);
  });

  it('lists every run and gives another instance over the same storage the same records', async () => {
    const reopened = await harness.open();
    expect((await reopened.listRunIds()).sort()).toEqual(['run-once', 'run-order']);
    expect(await reopened.read('run-once')).toEqual(await store.read('run-once'));
    await reopened.append('run-once', progress('run-once', 4));
    expect((await store.readEvents('run-once', 3)).map((event) => event.seq)).toEqual([4]);
  });
});
