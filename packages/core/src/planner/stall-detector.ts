/**
 * Detects a run that makes no progress: the checklist state (ids, statuses, results) unchanged
 * after `limit` consecutive iterations.
 */
export class StallDetector {
  private last: string | undefined;
  private unchanged = 0;
  readonly limit: number;

  constructor(limit = 2) {
    this.limit = limit;
  }

  /** Records the state after an iteration; returns true when the run is stalled. */
  observe(state: string): boolean {
    if (state === this.last) this.unchanged++;
    else this.unchanged = 0;
    this.last = state;
    return this.unchanged >= this.limit;
  }

  reset(): void {
    this.unchanged = 0;
  }
}
