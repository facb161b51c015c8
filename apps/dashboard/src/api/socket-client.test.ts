import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from '../state/connection-state';
import { SocketClient } from './socket-client';

/** The edge being faked is the browser's WebSocket; the client's own logic runs for real. */
class FakeSocket {
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {}
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
}

describe('SocketClient', () => {
  let sockets: FakeSocket[];
  let phases: ConnectionState[];
  let lastSeq: Record<string, number>;
  let client: SocketClient;

  beforeEach(() => {
    vi.useFakeTimers();
    sockets = [];
    phases = [];
    lastSeq = { 'run-a': 0 };
    client = new SocketClient({
      url: () => 'ws://test/ws',
      resumeFrom: (runId) => lastSeq[runId] ?? 0,
      onEvents: () => {},
      onRuns: () => {},
      onConnection: (state) => phases.push(state),
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
      baseDelayMs: 100,
      maxDelayMs: 1_000,
      random: () => 0.5,
    });
  });

  afterEach(() => {
    client.stop();
    vi.useRealTimers();
  });

  it('subscribes to all runs and each opened run, resuming after the last applied seq on reconnect', () => {
    client.start();
    client.subscribe('run-a');
    sockets[0]!.open();
    expect(sockets[0]!.sent).toEqual([
      { type: 'subscribe', runId: '*' },
      { type: 'subscribe', runId: 'run-a', afterSeq: 0 },
    ]);
    lastSeq['run-a'] = 42;
    sockets[0]!.drop();
    expect(phases.at(-1)).toMatchObject({ phase: 'reconnecting', attempt: 1 });
    vi.advanceTimersByTime(100);
    sockets[1]!.open();
    expect(sockets[1]!.sent).toEqual([
      { type: 'subscribe', runId: '*' },
      { type: 'subscribe', runId: 'run-a', afterSeq: 42 },
    ]);
    expect(phases.at(-1)).toEqual({ phase: 'open', attempt: 0 });
  });

  it('backs off exponentially up to the cap while the server is down', () => {
    client.start();
    const delays: number[] = [];
    for (let attempt = 0; attempt < 6; attempt++) {
      const before = Date.now();
      sockets.at(-1)!.drop();
      const retryAt = phases.at(-1)!.retryAt!;
      delays.push(retryAt - before);
      vi.advanceTimersByTime(retryAt - before);
    }
    expect(delays).toEqual([100, 200, 400, 800, 1_000, 1_000]);
    expect(sockets).toHaveLength(7);
  });

  it('hands a burst of events over in one batch', async () => {
    const batches: number[][] = [];
    const batching = new SocketClient({
      url: () => 'ws://test/ws',
      resumeFrom: () => 0,
      onEvents: (events) => batches.push(events.map((event) => event.seq)),
      onRuns: () => {},
      onConnection: () => {},
      createSocket: (url) => {
        const socket = new FakeSocket(url);
        sockets.push(socket);
        return socket as unknown as WebSocket;
      },
    });
    batching.start();
    const socket = sockets.at(-1)!;
    socket.open();
    for (const seq of [1, 2, 3]) {
      socket.onmessage?.({ data: JSON.stringify({ type: 'llm-usage', runId: 'r', seq, ts: seq, role: 'actor' }) });
    }
    socket.onmessage?.({ data: '{"type":"heartbeat"}' });
    await Promise.resolve();
    expect(batches).toEqual([[1, 2, 3]]);
    batching.stop();
  });
});
