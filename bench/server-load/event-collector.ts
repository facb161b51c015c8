import WebSocket from 'ws';

const CONTROL_TYPES = new Set(['hello', 'subscribed', 'unsubscribed', 'run-status', 'error']);

/**
 * One WebSocket client subscribed to every run ('*'): records, per run, every event seq it
 * receives (to find gaps and duplicates) and the delivery latency (event `ts` → receipt).
 */
export class EventCollector {
  readonly seqsByRun = new Map<string, number[]>();
  readonly latenciesMs: number[] = [];
  readonly runEnds = new Set<string>();
  /** Close code when the server (not this client) closed the socket, e.g. 4008 for a slow consumer. */
  closeCode: number | undefined;
  private closing = false;
  private socket: WebSocket | undefined;
  private waiters = new Set<() => void>();

  constructor(private readonly url: string) {}

  /** Opens the socket and subscribes to all runs; resolves once the server confirmed the subscription. */
  async connect(): Promise<void> {
    const socket = new WebSocket(`${this.url.replace(/^http/, 'ws')}/ws`);
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    const subscribed = new Promise<void>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        if ((JSON.parse(String(data)) as { type?: string }).type === 'subscribed') {
          socket.off('message', onMessage);
          resolve();
        }
      };
      socket.on('message', onMessage);
    });
    socket.on('message', (data) => this.receive(String(data)));
    socket.on('close', (code) => {
      if (!this.closing) this.closeCode = code;
      this.wake();
    });
    socket.send(JSON.stringify({ type: 'subscribe', runId: '*' }));
    await subscribed;
  }

  /** Resolves once every run in `runIds` delivered its run-end here (or the socket closed); false on timeout. */
  async waitForRunEnds(runIds: readonly string[], timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (runIds.some((id) => !this.runEnds.has(id)) && this.closeCode === undefined) {
      const remaining = deadline - Date.now();
      if (remaining <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(remaining, 250));
        this.waiters.add(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return runIds.every((id) => this.runEnds.has(id));
  }

  close(): void {
    this.closing = true;
    this.socket?.close();
  }

  private receive(text: string): void {
    const receivedAt = Date.now();
    const message = JSON.parse(text) as { type?: string; runId?: string; seq?: number; ts?: number };
    if (!message.type || CONTROL_TYPES.has(message.type) || typeof message.seq !== 'number' || !message.runId) return;
    if (typeof message.ts === 'number') this.latenciesMs.push(receivedAt - message.ts);
    let seqs = this.seqsByRun.get(message.runId);
    if (!seqs) {
      seqs = [];
      this.seqsByRun.set(message.runId, seqs);
    }
    seqs.push(message.seq);
    if (message.type === 'run-end') {
      this.runEnds.add(message.runId);
      this.wake();
    }
  }

  private wake(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }
}

/** Lost and duplicated events of one client for one run whose last seq is `lastSeq`. */
export function deliveryIntegrity(
  seqs: readonly number[],
  lastSeq: number,
): { lost: number; duplicated: number; inOrder: boolean } {
  const unique = new Set(seqs);
  let lost = 0;
  for (let seq = 1; seq <= lastSeq; seq++) if (!unique.has(seq)) lost += 1;
  const inOrder = seqs.every((seq, index) => index === 0 || seq > (seqs[index - 1] as number));
  return { lost, duplicated: seqs.length - unique.size, inOrder };
}
