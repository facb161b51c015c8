import { boundEventSize } from '../protocol/event-size';
import type { RunEvent, RunEventInput } from '../protocol/run-events';

export type RunEventSink = (event: RunEvent) => void | Promise<void>;

/**
 * Stamps events with runId, a contiguous seq (from 1) and ts, bounds their size (MAX_EVENT_BYTES as
 * JSON, longest strings cut with a marker), and delivers them to the sink one at
 * a time in seq order, even when the sink is async and actors emit concurrently. A failing sink
 * never breaks the run.
 */
export class RunEventEmitter {
  readonly runId: string;
  private seq = 0;
  private delivery: Promise<void> = Promise.resolve();
  private readonly sink: RunEventSink | undefined;
  private readonly now: () => number;

  constructor(runId: string, sink?: RunEventSink, now: () => number = Date.now) {
    this.runId = runId;
    this.sink = sink;
    this.now = now;
  }

  get lastSeq(): number {
    return this.seq;
  }

  emit(input: RunEventInput): Promise<void> {
    this.seq += 1;
    // No event may exceed MAX_EVENT_BYTES as JSON: one oversized frame would cut WebSocket clients off.
    const event = boundEventSize({ ...input, runId: this.runId, seq: this.seq, ts: this.now() } as RunEvent);
    const sink = this.sink;
    if (!sink) return this.delivery;
    this.delivery = this.delivery.then(async () => {
      try {
        await sink(event);
      } catch {
        // A consumer's failure (a closed socket, a full disk) must not stop the run.
      }
    });
    return this.delivery;
  }

  /** Resolves when every event emitted so far has been delivered. */
  flush(): Promise<void> {
    return this.delivery;
  }
}
