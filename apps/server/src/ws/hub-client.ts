import type { RunEvent } from '@gepa-aime/core';
import type { WebSocket } from 'ws';
import { encodeEvent, encodeMessage } from './encoded-message';

export const SLOW_CONSUMER_CLOSE_CODE = 4008;

export interface HubClientOptions {
  /** Bytes queued for this client (socket.bufferedAmount) at which it is disconnected (queue ≤ bound + one frame). */
  maxBufferedBytes: number;
  onDropped: (client: HubClient) => void;
}

/**
 * One connected socket: what it subscribed to, the last seq sent per run (so nothing is sent twice),
 * and live events held back while a run's log is being replayed to it.
 */
export class HubClient {
  subscribedToAll = false;
  readonly subscribedRuns = new Set<string>();
  readonly lastSent = new Map<string, number>();
  /** Runs being replayed → live events that arrived meanwhile. */
  readonly replaying = new Map<string, RunEvent[]>();
  alive = true;
  dropped = false;

  constructor(
    readonly socket: WebSocket,
    private readonly options: HubClientOptions,
  ) {}

  get open(): boolean {
    return !this.dropped && this.socket.readyState === this.socket.OPEN;
  }

  wants(runId: string): boolean {
    return this.subscribedToAll || this.subscribedRuns.has(runId);
  }

  /** A live event: held while its run is being replayed, else sent unless already sent. */
  deliver(event: RunEvent): void {
    if (!this.wants(event.runId)) return;
    const held = this.replaying.get(event.runId);
    if (held) held.push(event);
    else this.sendEvent(event);
  }

  sendEvent(event: RunEvent): boolean {
    const last = this.lastSent.get(event.runId);
    if (last !== undefined && event.seq <= last) return true;
    if (!this.sendEncoded(encodeEvent(event))) return false;
    this.lastSent.set(event.runId, event.seq);
    return true;
  }

  /** Sends a message unless that would push the client's queue past the bound, which drops it. */
  send(message: object): boolean {
    return this.open && this.sendEncoded(encodeMessage(message));
  }

  /**
   * Sends an already serialised message (shared between clients) as a text frame. The client is
   * dropped when its queue is already at the bound, not because one frame is large: an event bigger
   * than the bound would otherwise cut every client off at that seq, on every reconnect.
   */
  sendEncoded(data: Buffer): boolean {
    if (!this.open) return false;
    if (this.socket.bufferedAmount >= this.options.maxBufferedBytes) {
      this.drop();
      return false;
    }
    this.socket.send(data, { binary: false });
    return true;
  }

  /** Resolves when the socket's queue is under half the bound (or the client went away). */
  async drained(timeoutMs: number): Promise<boolean> {
    const target = this.options.maxBufferedBytes / 2;
    const deadline = Date.now() + timeoutMs;
    while (this.open && this.socket.bufferedAmount > target) {
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return this.open;
  }

  drop(): void {
    if (this.dropped) return;
    this.dropped = true;
    this.replaying.clear();
    this.socket.close(SLOW_CONSUMER_CLOSE_CODE, 'slow consumer: send buffer limit exceeded');
    // A peer that stopped reading never completes the close handshake: free the socket anyway.
    setTimeout(() => this.socket.terminate(), 5000).unref();
    this.options.onDropped(this);
  }
}
