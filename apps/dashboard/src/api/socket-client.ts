import type { RunEvent } from '@gepa-aime/core';
import type { ConnectionState } from '../state/connection-state';
import { parseServerMessage } from './parse-server-message';
import type { RunSummary } from './types';

export interface SocketClientOptions {
  /** Builds the WebSocket URL each attempt. */
  url: () => string;
  /** The subprotocols of each attempt (they carry the token, which may have changed). */
  protocols?: () => string[];
  /** The last seq applied for a run: every (re)subscription resumes right after it. */
  resumeFrom: (runId: string) => number;
  onEvents: (events: RunEvent[]) => void;
  onRuns: (runs: RunSummary[]) => void;
  /** The server refused a subscription (e.g. `run_not_found`). */
  onError?: (error: { code: string; message: string; runId?: string }) => void;
  onConnection: (state: ConnectionState) => void;
  /** Called after every successful (re)open, e.g. to refresh the runs list. */
  onOpen?: () => void;
  createSocket?: (url: string, protocols: string[]) => WebSocket;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

/** `'*'` is the all-runs subscription that keeps the runs list live. */
export const allRuns = '*';
/** WebSocket.OPEN and CONNECTING, spelled out so the client also runs where no WebSocket global exists (tests). */
const openState = 1;
const connectingState = 0;

/**
 * Closes a socket we no longer want without noise: one still connecting is closed once it opens
 * (closing it mid-handshake makes browsers log an error and proxies an EPIPE).
 */
function discard(socket: WebSocket): void {
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = null;
  if (socket.readyState === connectingState) {
    socket.onopen = () => socket.close(1000, 'client closed');
  } else {
    socket.onopen = null;
    socket.close(1000, 'client closed');
  }
}

/**
 * One WebSocket for the whole dashboard. On every open it (re)subscribes to all runs and to each
 * opened run with `afterSeq` = the last seq applied, so the server replays exactly what was missed;
 * the reducer drops any duplicate. Closed sockets reconnect with capped exponential backoff and jitter.
 */
export class SocketClient {
  private socket: WebSocket | undefined;
  private readonly subscriptions = new Set<string>([allRuns]);
  private attempt = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stopped = true;
  private queued: RunEvent[] = [];

  constructor(private readonly options: SocketClientOptions) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.socket) discard(this.socket);
    this.socket = undefined;
    this.options.onConnection({ phase: 'closed', attempt: 0 });
  }

  /** Reconnects now (e.g. after the token changed or the browser came back online). */
  reconnectNow(): void {
    if (this.stopped) return;
    clearTimeout(this.retryTimer);
    if (this.socket) discard(this.socket);
    this.socket = undefined;
    this.open();
  }

  subscribe(runId: string): void {
    if (this.subscriptions.has(runId)) return;
    this.subscriptions.add(runId);
    this.sendSubscribe(runId);
  }

  private open(): void {
    this.options.onConnection({ phase: this.attempt === 0 ? 'connecting' : 'reconnecting', attempt: this.attempt });
    const create = this.options.createSocket ?? ((url: string, protocols: string[]) => new WebSocket(url, protocols));
    let socket: WebSocket;
    try {
      socket = create(this.options.url(), this.options.protocols?.() ?? []);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.options.onConnection({ phase: 'open', attempt: 0 });
      for (const runId of this.subscriptions) this.sendSubscribe(runId);
      this.options.onOpen?.();
    };
    socket.onmessage = (message: MessageEvent) => {
      if (this.socket !== socket || typeof message.data !== 'string') return;
      const parsed = parseServerMessage(message.data);
      if (parsed?.kind === 'event') this.enqueue(parsed.event);
      else if (parsed?.kind === 'runs') this.options.onRuns(parsed.runs);
      else if (parsed?.kind === 'error') this.options.onError?.(parsed);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = undefined;
      this.scheduleReconnect();
    };
    socket.onerror = () => {
      // onclose follows and schedules the reconnect
    };
  }

  private sendSubscribe(runId: string): void {
    const socket = this.socket;
    if (!socket || socket.readyState !== openState) return;
    const message =
      runId === allRuns
        ? { type: 'subscribe', runId }
        : { type: 'subscribe', runId, afterSeq: this.options.resumeFrom(runId) };
    socket.send(JSON.stringify(message));
  }

  /** Events arriving in one burst (a replay) are handed over together: one state update, one render. */
  private enqueue(event: RunEvent): void {
    this.queued.push(event);
    if (this.queued.length > 1) return;
    queueMicrotask(() => {
      const events = this.queued;
      this.queued = [];
      this.options.onEvents(events);
    });
  }

  private scheduleReconnect(): void {
    if (this.stopped) return;
    this.attempt += 1;
    const base = this.options.baseDelayMs ?? 500;
    const cap = this.options.maxDelayMs ?? 10_000;
    const random = this.options.random ?? Math.random;
    const delay = Math.min(cap, base * 2 ** (this.attempt - 1)) * (0.75 + random() * 0.5);
    this.options.onConnection({ phase: 'reconnecting', attempt: this.attempt, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => this.open(), delay);
  }
}
