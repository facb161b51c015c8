import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../app';
import type { RunExecutor } from '../runs/run-executor';
import { createTestApp, type TestApp, waitFor } from '../test-support/test-app';
import { type ServerMessage, TestSocket } from '../test-support/ws-client';
import { SLOW_CONSUMER_CLOSE_CODE } from './hub-client';

const GOAL = 'Summarise the repository layout and propose next steps';

let harness: TestApp | undefined;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.close();
  await harness?.cleanup();
  harness = undefined;
});

async function listen(testApp: TestApp): Promise<string> {
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  return address.replace('http://', 'ws://');
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
  const socket = await TestSocket.connect(url, headers);
  sockets.push(socket);
  return socket;
}

async function logOf(testApp: TestApp, runId: string): Promise<RunEvent[]> {
  return (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events;
}

function seqs(messages: ServerMessage[]): number[] {
  return messages.map((message) => message.seq ?? -1);
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, index) => from + index);
}

const isRunEnd = (runId: string) => (message: ServerMessage) => message.type === 'run-end' && message.runId === runId;

/** Test edge: an executor emitting run-start, a tool-result per output until none is left, run-end. */
function toolResultExecutor(outputAt: (index: number) => string | undefined): RunExecutor {
  return async (request, { onEvent }) => {
    let seq = 0;
    const stamp = () => ({ runId: request.runId, seq: ++seq, ts: Date.now() });
    await onEvent({
      ...stamp(),
      type: 'run-start',
      goal: request.goal,
      model: 'test',
      maxIterations: 1,
      maxParallelActors: 1,
    });
    for (let index = 0, output = outputAt(0); output !== undefined; index += 1, output = outputAt(index)) {
      await onEvent({
        ...stamp(),
        type: 'tool-result',
        taskId: 't1',
        callId: `c${index}`,
        tool: 'read_file',
        ok: true,
        output,
        ms: 1,
      });
    }
    await onEvent({ ...stamp(), type: 'run-end', status: 'completed' });
    return undefined;
  };
}

describe('WebSocket /ws', () => {
  it('replays the log after afterSeq, then streams live events with contiguous seqs', async () => {
    harness = await createTestApp();
    const testApp = harness;
    const base = await listen(testApp);
    testApp.model.closeAfterCalls(2);
    const runId = (await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL } })).json().id;
    await waitFor(() => testApp.model.waiting > 0);
    const logged = testApp.app.aime.manager.require(runId).lastSeq;
    expect(logged).toBeGreaterThan(3);

    const client = await connect(`${base}/ws`);
    client.send({ type: 'subscribe', runId, afterSeq: 3 });
    await waitFor(() => client.events(runId).length >= logged - 3);
    testApp.model.open();
    await client.waitForMessage(isRunEnd(runId));

    const log = await logOf(testApp, runId);
    const received = client.events(runId);
    expect(seqs(received)).toEqual(range(4, log.length));
    expect(received).toEqual(log.slice(3));
    expect(client.messages.find((message) => message.type === 'subscribed')).toMatchObject({ runId, afterSeq: 3 });
  });

  it('re-subscribing on the same socket with a lower afterSeq replays from there again, once', async () => {
    harness = await createTestApp();
    const testApp = harness;
    const base = await listen(testApp);
    const runId = (await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL } })).json().id;
    await waitFor(() => testApp.app.aime.manager.require(runId).status === 'completed');
    const log = await logOf(testApp, runId);
    expect(log.length).toBeGreaterThan(4);

    const client = await connect(`${base}/ws`);
    client.send({ type: 'subscribe', runId, afterSeq: 0 });
    await waitFor(() => client.events(runId).length === log.length);
    client.send({ type: 'subscribe', runId, afterSeq: 2 });
    // Commands on one socket are handled in order: everything the second replay sends precedes this answer.
    client.send({ type: 'unsubscribe', runId });
    await client.waitForMessage((message) => message.type === 'unsubscribed');
    expect(seqs(client.events(runId))).toEqual([...range(1, log.length), ...range(3, log.length)]);
    expect(client.events(runId).slice(log.length)).toEqual(log.slice(2));
  });

  it('has no gap and no duplicate when subscribing while a run is emitting', async () => {
    harness = await createTestApp();
    const testApp = harness;
    const base = await listen(testApp);
    const client = await connect(`${base}/ws`);
    const runIds: string[] = [];
    for (let index = 0; index < 3; index += 1) {
      const runId = (
        await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: `${GOAL} (${index})` } })
      ).json().id;
      runIds.push(runId);
      client.send({ type: 'subscribe', runId, afterSeq: 0 });
    }
    for (const runId of runIds) {
      await client.waitForMessage(isRunEnd(runId));
      const log = await logOf(testApp, runId);
      expect(seqs(client.events(runId))).toEqual(range(1, log.length));
    }
  });

  it('subscribes to every run and pushes run-status changes', async () => {
    harness = await createTestApp();
    const testApp = harness;
    const base = await listen(testApp);
    const client = await connect(`${base}/ws`);
    client.send({ type: 'subscribe', runId: '*' });
    await client.waitForMessage((message) => message.type === 'subscribed');
    const first = (await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'first goal' } })).json()
      .id;
    const second = (await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'second goal' } })).json()
      .id;
    for (const runId of [first, second]) {
      await client.waitForMessage(isRunEnd(runId));
      const log = await logOf(testApp, runId);
      expect(seqs(client.events(runId))).toEqual(range(1, log.length));
      const statuses = client.messages
        .filter((message) => message.type === 'run-status' && (message.run as { id: string }).id === runId)
        .map((message) => (message.run as { status: string }).status);
      expect(statuses[0]).toBe('queued');
      expect(statuses).toContain('running');
      expect(statuses.at(-1)).toBe(log.at(-1)?.type === 'run-end' ? (log.at(-1) as { status: string }).status : '');
    }
  });

  it('answers bad messages and unknown runs with an error message and keeps the connection', async () => {
    harness = await createTestApp({ websocket: { heartbeatMs: 50 } });
    const base = await listen(harness);
    const client = await connect(`${base}/ws`);
    client.socket.send('not json');
    client.send({ type: 'subscribe', runId: '../etc/passwd' });
    client.send({ type: 'subscribe', runId: 'run-missing' });
    client.send({ type: 'subscribe', runId: '*', afterSeq: -1 });
    await waitFor(() => client.messages.filter((message) => message.type === 'error').length === 4);
    const errors = client.messages.filter((message) => message.type === 'error');
    expect(errors.map((message) => message.code)).toEqual([
      'bad_request',
      'bad_request',
      'run_not_found',
      'bad_request',
    ]);
    expect(errors[1]?.message).toContain('runId');
    expect(errors[3]?.message).toContain('afterSeq');
    await waitFor(() => client.pings >= 2);
    expect(client.closeCode).toBeUndefined();
  });

  it('drops a client that stops reading while the others keep receiving everything', async () => {
    harness = await createTestApp();
    const tracesDir = harness.tracesDir;
    await harness.app.close();
    let hubClients = () => 2;
    // Test edge: an executor that emits large events until the slow client is gone.
    const output = 'x'.repeat(16 * 1024);
    const floodExecutor = toolResultExecutor((index) => (index < 4000 && hubClients() >= 2 ? output : undefined));
    const app = await buildApp({
      settings: { concurrency: 1, tracesDir },
      executor: floodExecutor,
      dashboardDirectory: null,
      websocket: { maxBufferedBytes: 256 * 1024 },
    });
    harness = { ...harness, app };
    hubClients = () => app.aime.hub.clientCount;
    const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http://', 'ws://');
    const fast = await connect(`${base}/ws`);
    const slow = await connect(`${base}/ws`);
    fast.send({ type: 'subscribe', runId: '*' });
    slow.send({ type: 'subscribe', runId: '*' });
    await fast.waitForMessage((message) => message.type === 'subscribed');
    await slow.waitForMessage((message) => message.type === 'subscribed');
    slow.setReading(false);

    const runId = (await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'flood' } })).json().id;
    await fast.waitForMessage(isRunEnd(runId), 60_000);
    const log = await logOf(harness, runId);
    expect(log.length).toBeLessThan(4002);
    expect(seqs(fast.events(runId))).toEqual(range(1, log.length));
    const metrics = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toContain('aime_websocket_clients_dropped_total 1');

    slow.setReading(true);
    await waitFor(() => slow.closeCode !== undefined);
    expect(slow.closeCode).toBe(SLOW_CONSUMER_CLOSE_CODE);
    expect(fast.closeCode).toBeUndefined();
  }, 60_000);

  it('gets every client past an event larger than the back-pressure bound, live and on replay', async () => {
    harness = await createTestApp();
    const tracesDir = harness.tracesDir;
    await harness.app.close();
    // Test edge: an executor writing events as an old log could hold them: one of 1.5 MB of JSON
    // (256 KiB of control characters, escaped six-fold) between small ones.
    const executor = toolResultExecutor((index) =>
      index < 3 ? (index === 1 ? '\u0001'.repeat(256 * 1024) : 'small') : undefined,
    );
    const app = await buildApp({
      settings: { concurrency: 1, tracesDir },
      executor,
      dashboardDirectory: null,
      websocket: { maxBufferedBytes: 1024 * 1024 },
    });
    harness = { ...harness, app };
    const base = (await app.listen({ host: '127.0.0.1', port: 0 })).replace('http://', 'ws://');
    const live = await connect(`${base}/ws`);
    live.send({ type: 'subscribe', runId: '*' });
    await live.waitForMessage((message) => message.type === 'subscribed');
    const runId = (await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'big event' } })).json().id;
    await live.waitForMessage(isRunEnd(runId), 30_000);
    expect(seqs(live.events(runId))).toEqual(range(1, 5));
    const replay = await connect(`${base}/ws`);
    replay.send({ type: 'subscribe', runId, afterSeq: 0 });
    await replay.waitForMessage(isRunEnd(runId), 30_000);
    expect(seqs(replay.events(runId))).toEqual(range(1, 5));
    expect([live.closeCode, replay.closeCode]).toEqual([undefined, undefined]);
  }, 60_000);

  it('takes the token as a subprotocol (the dashboard) and answers with the plain one, never the token', async () => {
    harness = await createTestApp({ apiToken: 's3cret' });
    const base = await listen(harness);
    const carrier = (token: string) => `aime.bearer.${Buffer.from(token).toString('base64url')}`;
    await expect(TestSocket.connect(`${base}/ws`, {}, ['aime', carrier('wrong')])).rejects.toThrow('HTTP 401');
    const client = await TestSocket.connect(`${base}/ws`, {}, ['aime', carrier('s3cret')]);
    sockets.push(client);
    expect(client.protocol).toBe('aime');
    client.send({ type: 'subscribe', runId: '*' });
    await client.waitForMessage((message) => message.type === 'subscribed');
  });

  it('requires the token on the upgrade: header or ?token=', async () => {
    harness = await createTestApp({ apiToken: 's3cret' });
    const base = await listen(harness);
    await expect(TestSocket.connect(`${base}/ws`)).rejects.toThrow('HTTP 401');
    await expect(TestSocket.connect(`${base}/ws?token=wrong`)).rejects.toThrow('HTTP 401');
    await expect(TestSocket.connect(`${base}/ws`, { authorization: 'Bearer wrong' })).rejects.toThrow('HTTP 401');
    const byQuery = await connect(`${base}/ws?token=s3cret`);
    const byHeader = await connect(`${base}/ws`, { authorization: 'Bearer s3cret' });
    for (const client of [byQuery, byHeader]) {
      client.send({ type: 'subscribe', runId: '*' });
      await client.waitForMessage((message) => message.type === 'subscribed');
    }
  });

  it('serialises each live event and run-status once, however many clients receive it', async () => {
    harness = await createTestApp();
    const testApp = harness;
    const base = await listen(testApp);
    testApp.model.close();
    const runId = (await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL } })).json().id;
    await waitFor(() => testApp.model.waiting > 0);
    const clients = [await connect(`${base}/ws`), await connect(`${base}/ws`), await connect(`${base}/ws`)];
    for (const client of clients) {
      client.send({ type: 'subscribe', runId: '*' });
      await client.waitForMessage((message) => message.type === 'subscribed');
    }
    const { hub, manager } = testApp.app.aime;
    const run = manager.require(runId);
    const event: RunEvent = {
      type: 'progress-update',
      runId,
      seq: run.lastSeq + 1,
      ts: Date.now(),
      taskId: 'fan-out',
      status: 'in_progress',
      message: 'one serialisation for every client',
    };
    const stringify = vi.spyOn(JSON, 'stringify');
    try {
      hub.onEvent(run, event);
      expect(stringify).toHaveBeenCalledTimes(1);
      stringify.mockClear();
      hub.onRunChange(run);
      expect(stringify).toHaveBeenCalledTimes(1);
    } finally {
      stringify.mockRestore();
    }
    for (const client of clients) {
      const received = await client.waitForMessage((message) => message.taskId === 'fan-out');
      expect(received).toEqual(event);
      await client.waitForMessage((message) => message.type === 'run-status' && message.run !== undefined);
    }
  });
});
