const WINDOW = 1000;

/** NOTIFY delivery lag (writer's clock → this replica's clock), over the last 1000 notifications. */
export class NotifyLag {
  private readonly samples: number[] = [];

  record(milliseconds: number): void {
    this.samples.push(Math.max(0, milliseconds));
    if (this.samples.length > WINDOW) this.samples.shift();
  }

  summary(): { p50: number; p99: number; max: number; count: number } {
    const sorted = [...this.samples].sort((left, right) => left - right);
    const at = (quantile: number) => sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] ?? 0;
    return { p50: at(0.5), p99: at(0.99), max: sorted.at(-1) ?? 0, count: sorted.length };
  }
}
