import type { GEPAEvent } from '@gepa-aime/core';

const BAR_WIDTH = 24;

/**
 * The `aime optimize` progress bar on stderr: metric calls used of the budget, iteration, best
 * validation score. On a terminal it redraws one line; otherwise it prints a line per change of
 * iteration or best score (logs stay readable).
 */
export class OptimizeProgress {
  private iteration = 0;
  private metricCalls = 0;
  private bestScore: number | undefined;
  private lastLine = '';

  constructor(
    private readonly stream: NodeJS.WritableStream & { isTTY?: boolean },
    private readonly budget: number,
  ) {}

  onEvent(event: GEPAEvent): void {
    if (event.type === 'optimization-start' || event.type === 'iteration-start') {
      this.iteration = event.iteration;
      this.metricCalls = event.totalMetricCalls;
    } else if (event.type === 'budget') {
      this.metricCalls = event.totalMetricCalls;
    } else if (event.type === 'valset-evaluated') {
      if (this.bestScore === undefined || event.aggregateScore > this.bestScore) this.bestScore = event.aggregateScore;
    } else if (event.type === 'optimization-end') {
      this.metricCalls = event.totalMetricCalls;
      this.bestScore = event.bestScore;
      this.draw(true);
      if (this.stream.isTTY) this.stream.write('\n');
      return;
    } else {
      return;
    }
    this.draw(event.type !== 'budget');
  }

  line(): string {
    const share = this.budget > 0 ? Math.min(1, this.metricCalls / this.budget) : 0;
    const filled = Math.round(share * BAR_WIDTH);
    const best = this.bestScore === undefined ? '—' : this.bestScore.toFixed(3);
    return `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${this.metricCalls}/${this.budget} metric calls · iteration ${this.iteration} · best ${best}`;
  }

  private draw(significant: boolean): void {
    const line = this.line();
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}\u001b[K`);
    } else if (significant && line !== this.lastLine) {
      this.stream.write(`${line}\n`);
    }
    this.lastLine = line;
  }
}
