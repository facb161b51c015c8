import type { RunEvent } from '@gepa-aime/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { RunCoordinator } from '../../runs/run-coordinator';
import { isFinalStatus, type RunState } from '../../runs/run-state';
import type { RunStore } from '../../runs/run-store';

/** Server-Sent Events for one run's log: what curl and EventSource users get from `/runs/:id/events`. */
export interface EventStreamOptions {
  manager: RunCoordinator;
  store: RunStore;
  /** A comment line this often keeps proxies from timing the stream out (default 15 s). */
  heartbeatMs?: number;
  /** A client this far behind is disconnected; it resumes with Last-Event-ID (default 1 MiB). */
  maxBufferedBytes?: number;
}

export function wantsEventStream(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('text/event-stream');
}

/** `Last-Event-ID` (what EventSource sends when it reconnects) wins over `?after=`. */
export function resumeSeq(request: FastifyRequest, after: number): number {
  const header = request.headers['last-event-id'];
  const value = Array.isArray(header) ? header[0] : header;
  if (value === undefined || value.trim() === '') return after;
  const seq = Number(value);
  return Number.isInteger(seq) && seq >= 0 ? seq : after;
}

/**
 * The open streams, so shutdown can end them (an open response would keep the server from closing).
 */
export class EventStreams {
  private readonly open = new Set<() => void>();

  constructor(private readonly options: EventStreamOptions) {}

  /**
   * Replays the run's events after `afterSeq`, then streams live ones, each once and in seq order:
   * live events are held from before the log is read and any seq already sent is dropped (the
   * WebSocket's guarantee). The stream ends after `run-end`. A finished run with nothing after
   * `afterSeq` answers 204, which tells EventSource to stop reconnecting.
   */
  async stream(request: FastifyRequest, reply: FastifyReply, run: RunState, afterSeq: number): Promise<void> {
    if (isFinalStatus(run.status) && afterSeq >= run.lastSeq) {
      await reply.code(204).send();
      return;
    }
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write('retry: 1000\n\n');

    let lastSent = afterSeq;
    let held: RunEvent[] | undefined = [];
    let ended = false;
    const maxBufferedBytes = this.options.maxBufferedBytes ?? 1024 * 1024;
    const end = () => {
      if (ended) return;
      ended = true;
      stopObserving();
      clearInterval(heartbeat);
      this.open.delete(end);
      response.end();
    };
    const send = (event: RunEvent) => {
      if (ended || event.seq <= lastSent) return;
      lastSent = event.seq;
      response.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      if (event.type === 'run-end' || response.writableLength > maxBufferedBytes) end();
    };
    const stopObserving = this.options.manager.observe({
      onEvent: (changed, event) => {
        if (changed.id !== run.id) return;
        if (held) held.push(event);
        else send(event);
      },
    });
    const heartbeat = setInterval(() => response.write(': keep-alive\n\n'), this.options.heartbeatMs ?? 15_000);
    heartbeat.unref();
    this.open.add(end);
    request.raw.once('close', end);
    response.once('close', end);

    try {
      for (const event of await this.options.store.readEvents(run.id, afterSeq)) send(event);
    } catch (error) {
      request.log.error({ err: error, runId: run.id }, 'event stream: could not read the run log');
      end();
      return;
    }
    const live = held;
    held = undefined;
    for (const event of live) send(event);
  }

  /** Ends every open stream (the server is closing; clients resume with Last-Event-ID). */
  closeAll(): void {
    for (const end of [...this.open]) end();
  }
}
