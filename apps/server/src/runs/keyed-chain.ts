/**
 * Per-key promise chains: a task runs after every earlier task of its key, in call order. A failed
 * task rejects only its own promise (and is reported to `onError`); the key's chain goes on.
 */
export class KeyedChain {
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly onError: (key: string, error: unknown) => void = () => undefined) {}

  /** Keys with tasks not yet settled. */
  get size(): number {
    return this.tails.size;
  }

  run(key: string, task: () => Promise<void>): Promise<void> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const next = previous.then(task);
    const settled = next.catch((error: unknown) => this.onError(key, error));
    this.tails.set(key, settled);
    void settled.then(() => {
      if (this.tails.get(key) === settled) this.tails.delete(key);
    });
    return next;
  }

  /** Resolves once the tasks of `key` queued so far have settled. */
  settled(key: string): Promise<void> {
    return this.tails.get(key) ?? Promise.resolve();
  }

  /** Resolves once the tasks of every key queued so far have settled. */
  async allSettled(): Promise<void> {
    await Promise.all(this.tails.values());
  }
}
