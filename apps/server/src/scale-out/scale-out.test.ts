import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryIntegrity, EventCollector } from '../../../../bench/server-load/event-collector';
import { postRun, type ServerProcess } from '../../../../bench/server-load/server-process';
import { testServerUrl } from '../test-support/postgres/test-database';
import { ScaleOutCluster, type WorkerProcess } from '../test-support/scale-out-cluster';

interface RunView {
  status: string;
  lastSeq: number;
  error: string | null;
}

interface EventView {
  type: string;
  seq: number;
  attempt?: number;
  status?: string;
}

async function getRun(url: string, id: string): Promise<RunView> {
  return (await (await fetch(`${url}/runs/${id}`)).json()) as RunView;
}

async function getEvents(url: string, id: string): Promise<EventView[]> {
  return ((await (await fetch(`${url}/runs/${id}/events`)).json()) as { events: EventView[] }).events;
}

/** Polls (bounded) until the condition holds; fails with what was last seen. */
async function eventually<T>(read: () => Promise<T>, holds: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!holds(value)) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

async function workerOf(runId: string): Promise<string | null> {
  const result = await database.query<{ worker_id: string | null }>('select worker_id from aime.runs where id = $1', [
    runId,
  ]);
  return result.rows[0]?.worker_id ?? null;
}

const RUNS = 20;

let cluster: ScaleOutCluster;
let replicas: ServerProcess[];
let workers: WorkerProcess[];
let database: pg.Client;
beforeAll(async () => {
  cluster = await ScaleOutCluster.start({ latencyMs: 30, serverUrl: await testServerUrl() });
  replicas = await Promise.all([cluster.startApi(), cluster.startApi()]);
  workers = await Promise.all([cluster.startWorker(4), cluster.startWorker(4)]);
  database = new pg.Client({ connectionString: cluster.databaseUrl });
  await database.connect();
}, 120_000);
afterAll(async () => {
  await database?.end();
  await cluster?.stop();
}, 60_000);

describe('scale-out: 2 API replicas + 2 workers on one PostgreSQL', () => {
  it('executes runs posted round-robin on both workers; a WebSocket client on each replica gets every event once, in order', async () => {
    const collectors = replicas.flatMap((replica) => [
      new EventCollector(replica.url),
      new EventCollector(replica.url),
    ]);
    await Promise.all(collectors.map((collector) => collector.connect()));
    const ids = await Promise.all(
      Array.from({ length: RUNS }, (_, index) => postRun(replicas[index % 2]!.url, `Scale-out run ${index}`)),
    );
    const finished = await Promise.all(collectors.map((collector) => collector.waitForRunEnds(ids, 90_000)));
    expect(finished).toEqual(collectors.map(() => true));

    for (const replica of replicas) {
      for (const id of ids) {
        const run = (await (await fetch(`${replica.url}/runs/${id}`)).json()) as {
          status: string;
          lastSeq: number;
          error: string | null;
        };
        expect({ status: run.status, error: run.error }).toEqual({ status: 'completed', error: null });
        for (const collector of collectors) {
          const seqs = collector.seqsByRun.get(id) ?? [];
          expect(deliveryIntegrity(seqs, run.lastSeq)).toEqual({ lost: 0, duplicated: 0, inOrder: true });
        }
      }
    }
    try {
      const byWorker = await database.query<{ worker_id: string; runs: string }>(
        'select worker_id, count(*) as runs from aime.runs where id = any($1::text[]) group by worker_id',
        [ids],
      );
      expect(byWorker.rows).toHaveLength(2);
      const events = await database.query<{ count: string }>(
        'select count(*) from aime.run_events where run_id = any($1::text[])',
        [ids],
      );
      const total = [...collectors[0]!.seqsByRun.entries()]
        .filter(([id]) => ids.includes(id))
        .reduce((sum, [, seqs]) => sum + seqs.length, 0);
      expect(Number(events.rows[0]?.count)).toBe(total);

      // Online GEPA is one history: every outcome both workers reported is a row of it, and each
      // replica's GET /gepa follows it (NOTIFY aime_gepa_records).
      const reported = await database.query<{ count: string }>(
        "select count(*) from aime.run_events where run_id = any($1::text[]) and type = 'gepa-record'",
        [ids],
      );
      const recorded = await database.query<{ run_id: string }>(
        "select record->>'run_id' as run_id from aime.gepa_records where kind = 'outcome' and record->>'run_id' = any($1::text[])",
        [ids],
      );
      expect(Number(reported.rows[0]?.count)).toBeGreaterThan(0);
      expect(recorded.rows).toHaveLength(Number(reported.rows[0]?.count));
      const recordingWorkers = new Set(await Promise.all(recorded.rows.map((row) => workerOf(row.run_id))));
      expect(recordingWorkers.size).toBe(2);
      const stored = Number(
        (await database.query<{ last_seq: string }>('select last_seq from aime.gepa_state')).rows[0]?.last_seq,
      );
      for (const replica of replicas) {
        await eventually(
          async () => ((await (await fetch(`${replica.url}/gepa`)).json()) as { traceRecords: number }).traceRecords,
          (count) => count === stored,
          10_000,
        );
      }
    } finally {
      for (const collector of collectors) collector.close();
    }
  }, 120_000);

  it('cancels on replica B a run executing on a worker, started through replica A', async () => {
    cluster.latencyMs = 300;
    const [first, second] = replicas as [ServerProcess, ServerProcess];
    const id = await postRun(first.url, 'Run to cancel from the other replica');
    await eventually(
      () => getRun(first.url, id),
      (run) => run.status === 'running' && run.lastSeq >= 2,
      30_000,
    );
    expect(workers.map((worker) => worker.id)).toContain(await workerOf(id));
    const response = await fetch(`${second.url}/runs/${id}/cancel`, { method: 'POST' });
    expect(response.status).toBe(200);
    expect(((await response.json()) as RunView).status).toBe('cancelled');
    const events = await getEvents(second.url, id);
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled', attempt: 1 });
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  }, 60_000);

  it('re-runs a run whose worker was SIGKILLed as attempt 2 on the other worker, nothing lost or duplicated', async () => {
    cluster.latencyMs = 300;
    const [first, second] = replicas as [ServerProcess, ServerProcess];
    const id = await postRun(first.url, 'Run whose worker dies');
    await eventually(
      () => getRun(first.url, id),
      (run) => run.status === 'running' && run.lastSeq >= 3,
      30_000,
    );
    const victimId = await workerOf(id);
    const victim = workers.find((worker) => worker.id === victimId);
    const survivor = workers.find((worker) => worker.id !== victimId);
    expect(victim).toBeDefined();
    victim?.child.kill('SIGKILL');
    expect(await victim?.exited).toBe('SIGKILL');

    const run = await eventually(
      () => getRun(second.url, id),
      (view) => view.status === 'completed',
      60_000,
    );
    const events = await getEvents(second.url, id);
    expect(events.map((event) => event.seq)).toEqual(Array.from({ length: run.lastSeq }, (_, index) => index + 1));
    const ends = events.filter((event) => event.type === 'run-end');
    expect(ends).toMatchObject([
      { status: 'interrupted', attempt: 1 },
      { status: 'completed', attempt: 2 },
    ]);
    const starts = events.filter((event) => event.type === 'run-start');
    expect(starts.map((event) => event.attempt)).toEqual([1, 2]);
    expect(await workerOf(id)).toBe(survivor?.id);
  }, 90_000);
});
