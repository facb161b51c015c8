import { formatMeanSd } from '../lib/stats';
import type { BenchTable } from '../lib/types';
import type { CurvePoint } from './reminder-baseline';
import type { GEPABenchOptions, StrategyName, StrategyRun } from './strategy-run';

/** Per-seed differences between pareto and current-best (same suite, same seed). */
export function pairedTable(
  runs: readonly StrategyRun[],
  options: GEPABenchOptions,
  bestAt: (curve: readonly CurvePoint[], metricCalls: number) => number,
): BenchTable {
  const rows: string[][] = [];
  for (const challenger of ['pareto', 'pareto+merge'] as const) {
    if (!options.strategies.includes(challenger) || !options.strategies.includes('current-best')) continue;
    const pairs = options.seeds.map((seed) => {
      const find = (strategy: StrategyName) =>
        runs.find((run) => run.strategy === strategy && run.seed === seed) as StrategyRun;
      return [find(challenger), find('current-best')] as const;
    });
    const summarise = (metric: (run: StrategyRun) => number): string[] => {
      const differences = pairs.map(([left, right]) => metric(left) - metric(right));
      const wins = differences.filter((difference) => difference > 1e-9).length;
      const losses = differences.filter((difference) => difference < -1e-9).length;
      return [formatMeanSd(differences), `${wins} / ${differences.length - wins - losses} / ${losses}`];
    };
    for (const checkpoint of [
      options.checkpoints[Math.floor(options.checkpoints.length / 2)] ?? options.budget,
      options.budget,
    ]) {
      rows.push([
        `${challenger} − current-best`,
        `best val score at ${checkpoint} calls`,
        ...summarise((run) => bestAt(run.curve, checkpoint)),
      ]);
    }
    rows.push([`${challenger} − current-best`, 'expected test score', ...summarise((run) => run.testScore)]);
  }
  return {
    title: 'Paired differences per seed',
    columns: ['comparison', 'measure', 'difference (mean ± sd)', 'wins / ties / losses'],
    rows,
  };
}
