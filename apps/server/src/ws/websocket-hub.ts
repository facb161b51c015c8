import { formatZodIssues, MAX_EVENT_BYTES, type RunEvent } from '@gepa-aime/core';
import type { RawData, WebSocket } from 'ws';
import { RunNotFoundError } from '../errors/run-not-found-error';
import type { RunCoordinator } from '../runs/run-coordinator';
import type { RunObserver } from '../runs/run-observer';
import { isFinalStatus, type RunState } from '../runs/run-state';
import type { RunStore } from '../runs/run-store';
import { toRunSummary } from '../runs/run-view';
import { clientMessageSchema } from '../schemas/ws';
import { encodeMessage } from './encoded-message';
import { HubClient } from './hub-client';

export interface WebSocketHubOptions {
  manager: RunCoordinator;
  store: RunStore;
  /** Per-client send-queue bound in bytes (default 1 MiB, four times MAX_EVENT_BYTES). */
  maxBufferedBytes?: number;
  /** Ping interval; a client that did not answer the previous ping is terminated (default 30 s). */
  heartbeatMs?: number;
  /** How long a replay waits for a client's queue to drain before dropping it (default 10 s). */
  drainTimeoutMs?: number;
  onClientDropped?: () => void;
}

/**
 * Fans logged run events out to WebSocket clients. A subscription replays the run's log after
 * `afterSeq`, holding live events back meanwhile, then streams live ones; per-run seq tracking
 * means no gap and no duplicate. Every client also receives `run-status` when any run changes.
 */
export class WebSocketHub implements RunObserver {
  private readonly clients = new Set<HubClient>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly maxBufferedBytes: number;
  private readonly drainTimeoutMs: number;

  constructor(private readonly options: WebSocketHubOptions) {
    this.maxBufferedBytes = options.maxBufferedBytes ?? 4 * MAX_EVENT_BYTES;
    this.drainTimeoutMs = options.drainTimeoutMs ?? 10_000;
    this.heartbeat = setInterval(() => this.ping(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    return this.clients.size;
  }

  connect(socket: WebSocket): HubClient {
    const client = new HubClient(socket, {
      maxBufferedBytes: this.maxBufferedBytes,
      onDropped: () => {
        this.clients.delete(client);
        this.options.onClientDropped?.();
      },
    });
    this.clients.add(client);
    let commands = Promise.resolve();
    socket.on('message', (data: RawData) => {
      commands = commands.then(() => this.handleMessage(client, data)).catch(() => undefined);
    });
    socket.on('pong', () => {
      client.alive = true;
    });
    socket.on('close', () => this.clients.delete(client));
    socket.on('error', () => this.clients.delete(client));
    client.send({ type: 'hello', protocol: 1 });
    return client;
  }

  onEvent(_run: RunState, event: RunEvent): void {
    for (const client of this.clients) client.deliver(event);
  }

  onRunChange(run: RunState): void {
    if (this.clients.size === 0) return;
    const data = encodeMessage({ type: 'run-status', run: toRunSummary(run) });
    for (const client of this.clients) client.sendEncoded(data);
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const client of this.clients) client.socket.close(1001, 'server shutting down');
    this.clients.clear();
  }

  private ping(): void {
    for (const client of this.clients) {
      if (!client.alive) {
        client.socket.terminate();
        this.clients.delete(client);
        continue;
      }
      client.alive = false;
      client.socket.ping();
    }
  }

  private async handleMessage(client: HubClient, data: RawData): Promise<void> {
    let parsed: unknown;
    try {
      parsed = JSON.parse(data.toString());
    } catch {
      client.send({ type: 'error', code: 'bad_request', message: 'message is not JSON' });
      return;
    }
    const result = clientMessageSchema.safeParse(parsed);
    if (!result.success) {
      client.send({ type: 'error', code: 'bad_request', message: formatZodIssues(result.error, 'message') });
      return;
    }
    const command = result.data;
    if (command.type === 'unsubscribe') {
      if (command.runId === '*') client.subscribedToAll = false;
      else client.subscribedRuns.delete(command.runId);
      client.send({ type: 'unsubscribed', runId: command.runId });
      return;
    }
    if (command.runId === '*') {
      client.subscribedToAll = true;
      const inFlight = [...this.options.manager.all()].filter((run) => !isFinalStatus(run.status));
      const replayed = command.afterSeq === undefined ? [] : inFlight;
      for (const run of replayed) this.beginReplay(client, run.id, command.afterSeq ?? 0);
      client.send({
        type: 'subscribed',
        runId: '*',
        afterSeq: command.afterSeq ?? null,
        runs: inFlight.map(toRunSummary),
      });
      for (const run of replayed) await this.finishReplay(client, run.id, command.afterSeq ?? 0);
      return;
    }
    const run = this.options.manager.get(command.runId) ?? (await this.lookUp(client, command.runId));
    if (!run) return;
    const afterSeq = command.afterSeq ?? 0;
    client.subscribedRuns.add(run.id);
    this.beginReplay(client, run.id, afterSeq);
    client.send({ type: 'subscribed', runId: run.id, afterSeq, run: toRunSummary(run) });
    await this.finishReplay(client, run.id, afterSeq);
  }

  /** The run (looked up in the store when another replica created it a moment ago), or an error sent. */
  private async lookUp(client: HubClient, runId: string): Promise<RunState | undefined> {
    try {
      return await this.options.manager.load(runId);
    } catch (error) {
      const notFound = error instanceof RunNotFoundError;
      client.send({
        type: 'error',
        code: notFound ? 'run_not_found' : 'internal',
        message: notFound ? `run not found: ${runId}` : `could not look up ${runId}`,
        runId,
      });
      return undefined;
    }
  }

  /** Synchronously starts holding live events for the run, before its log is read. */
  private beginReplay(client: HubClient, runId: string, afterSeq: number): void {
    client.replaying.set(runId, []);
    client.lastSent.set(runId, afterSeq);
  }

  private async finishReplay(client: HubClient, runId: string, afterSeq: number): Promise<void> {
    let events: RunEvent[];
    try {
      events = await this.options.store.readEvents(runId, afterSeq);
    } catch {
      client.replaying.delete(runId);
      client.subscribedRuns.delete(runId);
      client.send({ type: 'error', code: 'internal', message: `could not read the log of ${runId}`, runId });
      return;
    }
    for (const event of events) {
      if (!client.open) return;
      if (!client.sendEvent(event)) return;
      if (client.socket.bufferedAmount > this.maxBufferedBytes / 2 && !(await client.drained(this.drainTimeoutMs))) {
        client.drop();
        return;
      }
    }
    const held = client.replaying.get(runId) ?? [];
    client.replaying.delete(runId);
    for (const event of held) client.sendEvent(event);
  }
}
