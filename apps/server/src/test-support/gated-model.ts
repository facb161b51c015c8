import type { ChatDelta, ChatRequest, ChatResponse, LanguageModel } from '@gepa-aime/core';

/**
 * Test edge: a real model (the offline one) behind a gate. While the gate is closed every call
 * waits (and honours its AbortSignal), so a test can hold runs at a known point.
 */
export class GatedModel implements LanguageModel {
  readonly provider: string;
  readonly modelId: string;
  calls = 0;
  private closed = false;
  private closeAfter: number | undefined;
  private waiters = new Set<() => void>();

  constructor(private readonly inner: LanguageModel) {
    this.provider = inner.provider;
    this.modelId = inner.modelId;
  }

  close(): void {
    this.closed = true;
  }

  /** Lets `count` more calls through, then closes. */
  closeAfterCalls(count: number): void {
    this.closeAfter = this.calls + count;
  }

  open(): void {
    this.closed = false;
    this.closeAfter = undefined;
    for (const wake of this.waiters) wake();
    this.waiters.clear();
  }

  /** Callers currently held at the gate. */
  get waiting(): number {
    return this.waiters.size;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    this.calls += 1;
    await this.pass(request.signal);
    return this.inner.chat(request);
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    this.calls += 1;
    await this.pass(request.signal);
    yield* this.inner.stream(request);
  }

  private pass(signal: AbortSignal | undefined): Promise<void> {
    if (this.closeAfter !== undefined && this.calls > this.closeAfter) this.closed = true;
    if (!this.closed) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        this.waiters.delete(wake);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.add(wake);
    });
  }
}
