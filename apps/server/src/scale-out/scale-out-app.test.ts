import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useScaleOutApps } from '../test-support/postgres/scale-out-apps';
import { type TestApp, waitFor } from '../test-support/test-app';
import { TestSocket } from '../test-support/ws-client';

const { scaleOutApp: startApp, databaseUrl } = useScaleOutApps();

function scaleOutApp(worker = true, concurrency = 2): Promise<TestApp> {
  return startApp({ worker, concurrency });
}

interface EventView {
  type: string;
  seq: number;
  attempt?: number;
  status?: string;
}

describe('a server in the scale-out mode (AIME_DATABASE_URL)', () => {
  it('also works by default (AIME_WORKER=1): a run posted to it completes, its events stored with their attempt', async () => {
    const { app } = await scaleOutApp();
    const posted = await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the workspace files' } });
    expect(posted.statusCode).toBe(202);
    const id = posted.json().id as string;
    await waitFor(() => app.aime.manager.get(id)?.status === 'completed', 30_000);
    const events = (await app.inject({ url: `/runs/${id}/events` })).json().events as EventView[];
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(new Set(events.map((event) => event.attempt))).toEqual(new Set([1]));
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'completed' });
  });

  it('reports the database in /health and /ready, and queue and workers in /metrics', async () => {
    const { app } = await scaleOutApp(true, 3);
    expect((await app.inject({ url: '/health' })).json().database).toEqual({ ok: true, detail: 'database reachable' });
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().detail).toContain('database reachable');
    const metrics = await waitFor(async () => {
      const text = (await app.inject({ url: '/metrics' })).body;
      return /^aime_workers_active 1$/m.test(text) && text;
    }, 10_000);
    expect(metrics).toMatch(/^aime_worker_slots 3$/m);
    expect(metrics).toMatch(/^aime_queue_jobs_waiting 0$/m);
    expect(metrics).toMatch(/^aime_notify_lag_seconds\{quantile="0.99"\} /m);
  });

  it('hands the runs of a server that shuts down to another one: interrupted, then attempt 2 completes there', async () => {
    const leaving = await scaleOutApp(true, 2);
    leaving.model.close();
    const id = (
      await leaving.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the workspace files' } })
    ).json().id as string;
    await waitFor(() => leaving.model.waiting > 0, 20_000);
    const staying = await scaleOutApp(true, 2);
    // An API-only replica never takes the run.
    await scaleOutApp(false);
    await leaving.app.close();
    await waitFor(() => staying.app.aime.manager.get(id)?.status === 'completed', 30_000);
    const events = (await staying.app.inject({ url: `/runs/${id}/events` })).json().events as EventView[];
    expect(events.filter((event) => event.type === 'run-end')).toMatchObject([
      { status: 'interrupted', attempt: 1 },
      { status: 'completed', attempt: 2 },
    ]);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
  });
});

describe('a replica asked about a run another replica created a moment ago', () => {
  it('finds it in the table for a WebSocket subscribe, GET /runs/:id and its events (JSON or SSE) instead of answering not found', async () => {
    const replica = await scaleOutApp(false);
    const url = await replica.app.listen({ host: '127.0.0.1', port: 0 });
    // What replica B's POST /runs stores, without its notification: this replica has not heard of the run.
    const runId = 'run-from-replica-b';
    const queued = { type: 'run-queued', runId, seq: 0, ts: Date.now(), goal: 'List the workspace files' };
    const pool = new pg.Pool({ connectionString: databaseUrl(), max: 1 });
    try {
      await pool.query(
        `insert into aime.runs (id, goal, status, created_at, queued_record) values ($1, $2, 'queued', $3, $4)`,
        [runId, queued.goal, queued.ts, JSON.stringify(queued)],
      );
    } finally {
      await pool.end();
    }
    expect(replica.app.aime.manager.get(runId)).toBeUndefined();

    const socket = await TestSocket.connect(`${url.replace('http', 'ws')}/ws`);
    try {
      socket.send({ type: 'subscribe', runId });
      const answer = await waitFor(() => socket.messages.find((message) => message.runId === runId), 5000);
      expect(answer).toMatchObject({ type: 'subscribed', runId, run: { id: runId, status: 'queued' } });
    } finally {
      socket.close();
    }
    const detail = await replica.app.inject({ url: `/runs/${runId}` });
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({ id: runId, status: 'queued' });
    const events = await replica.app.inject({ url: `/runs/${runId}/events` });
    expect(events.statusCode).toBe(200);
    expect(events.json()).toMatchObject({ runId, events: [], lastSeq: 0 });
    const unknown = await replica.app.inject({ url: '/runs/run-nowhere' });
    expect(unknown.statusCode).toBe(404);
  });
});
