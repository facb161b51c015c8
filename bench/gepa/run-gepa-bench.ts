import { type GEPACandidate, optimize } from '@gepa-aime/core';
import { formatMeanSd, mean } from '../lib/stats';
import type { BenchReport } from '../lib/types';
import { oracleTestScore } from './oracle';
import { pairedTable } from './paired-table';
import { type CurvePoint, runReminderBaseline } from './reminder-baseline';
import { createReflection } from './simulated-reflection';
import { createStudent, expectedScore, ruleCapacity } from './simulated-student';
import type { GEPABenchOptions, StrategyName, StrategyRun } from './strategy-run';
import { buildSuite, seedCandidate } from './task-suite';

export const fullOptions: GEPABenchOptions = {
  seeds: Array.from({ length: 20 }, (_, index) => index + 1),
  budget: 1200,
  sizes: { train: 24, val: 24, test: 120 },
  checkpoints: [150, 300, 600, 900, 1200],
  strategies: ['pareto', 'current-best', 'pareto+merge', 'reminder'],
  minibatchSize: 3,
};

export const smokeOptions: GEPABenchOptions = {
  seeds: [1],
  budget: 150,
  sizes: { train: 9, val: 9, test: 20 },
  checkpoints: [75, 150],
  strategies: ['pareto', 'current-best', 'pareto+merge', 'reminder'],
  minibatchSize: 3,
};

/** Best validation score known by `metricCalls` (the curve holds running maxima). */
export function bestAt(curve: readonly CurvePoint[], metricCalls: number): number {
  let best = Number.NaN;
  for (const point of curve)
    if (point.metricCalls <= metricCalls) best = Number.isNaN(best) ? point.score : Math.max(best, point.score);
  return best;
}

async function runGEPA(
  strategy: Exclude<StrategyName, 'reminder'>,
  seed: number,
  suite: ReturnType<typeof buildSuite>,
  options: GEPABenchOptions,
) {
  const student = createStudent(seed * 31 + 1);
  const curve: CurvePoint[] = [];
  let lastCalls = 0;
  let best = -Infinity;
  const result = await optimize({
    seedCandidate,
    trainset: suite.trainset,
    valset: suite.valset,
    adapter: student.adapter,
    reflectionModel: createReflection(seed * 31 + 2),
    maxMetricCalls: options.budget,
    candidateSelection: strategy === 'current-best' ? 'current-best' : 'pareto',
    useMerge: strategy === 'pareto+merge',
    reflectionMinibatchSize: options.minibatchSize,
    seed,
    onEvent: (event) => {
      if (event.type === 'budget') lastCalls = event.totalMetricCalls;
      if (event.type === 'valset-evaluated') {
        best = Math.max(best, event.aggregateScore);
        curve.push({ metricCalls: lastCalls, score: best });
      }
    },
  });
  return {
    curve,
    totalMetricCalls: result.totalMetricCalls,
    candidates: result.candidates.length,
    best: result.bestCandidate,
  };
}

export async function runStrategy(
  strategy: StrategyName,
  seed: number,
  options: GEPABenchOptions,
): Promise<StrategyRun> {
  let outcome: { curve: CurvePoint[]; totalMetricCalls: number; candidates: number; best: GEPACandidate };
  const suite = buildSuite(seed, options.sizes);
  if (strategy === 'reminder') {
    const baseline = runReminderBaseline({
      student: createStudent(seed * 31 + 1),
      seedCandidate,
      trainset: suite.trainset,
      valset: suite.valset,
      budget: options.budget,
      seed,
    });
    outcome = { ...baseline, candidates: baseline.reminders + 1 };
  } else {
    outcome = await runGEPA(strategy, seed, suite, options);
  }
  return {
    strategy,
    seed,
    curve: outcome.curve,
    totalMetricCalls: outcome.totalMetricCalls,
    candidates: outcome.candidates,
    expectedValScore: expectedScore(outcome.best, suite.valset),
    testScore: expectedScore(outcome.best, suite.testset),
  };
}

/** Runs every strategy on every seed and builds the report (tables of mean ± sd over seeds). */
export async function runGEPABenchmark(options: GEPABenchOptions): Promise<BenchReport> {
  const runs: StrategyRun[] = [];
  for (const strategy of options.strategies) {
    for (const seed of options.seeds) runs.push(await runStrategy(strategy, seed, options));
  }
  const byStrategy = (strategy: StrategyName) => runs.filter((run) => run.strategy === strategy);
  const curveRows = options.strategies.map((strategy) => [
    strategy,
    ...options.checkpoints.map((checkpoint) =>
      formatMeanSd(byStrategy(strategy).map((run) => bestAt(run.curve, checkpoint))),
    ),
  ]);
  const summaryRows = options.strategies.map((strategy) => {
    const strategyRuns = byStrategy(strategy);
    return [
      strategy,
      formatMeanSd(strategyRuns.map((run) => run.expectedValScore)),
      formatMeanSd(strategyRuns.map((run) => run.testScore)),
      mean(strategyRuns.map((run) => run.candidates)).toFixed(1),
      `${Math.max(...strategyRuns.map((run) => run.totalMetricCalls))} / ${options.budget}`,
    ];
  });
  const tables = [pairedTable(runs, options, bestAt)];
  const oracle = mean(options.seeds.map((seed) => oracleTestScore(buildSuite(seed, options.sizes))));
  const seedScore = mean(
    options.seeds.map((seed) => expectedScore(seedCandidate, buildSuite(seed, options.sizes).testset)),
  );
  const notes = [
    `Seed prompts' expected test score: ${seedScore.toFixed(3)}; oracle (the best ${ruleCapacity} rules per component, chosen on the test split itself): ${oracle.toFixed(3)}.`,
    'Validation scores are noisy (each applied skill succeeds with probability 0.9), so the running best is optimistic; the noise-free columns score the finally selected candidate without noise.',
  ];
  return {
    name: 'gepa',
    description:
      'GEPA candidate selection on a synthetic skill suite with a simulated student and reflection model ' +
      '(see bench/README.md). Best validation score (running maximum, noisy student) against metric calls; ' +
      'mean ± sd over seeds; same budget for every strategy.',
    parameters: { ...options },
    tables: [
      {
        title: 'Best validation score by metric calls spent',
        columns: ['strategy', ...options.checkpoints.map((checkpoint) => `≤ ${checkpoint} calls`)],
        rows: curveRows,
      },
      {
        title: 'Final best candidate',
        columns: [
          'strategy',
          'expected val score (noise-free)',
          'expected test score',
          'candidates',
          'max calls used / budget',
        ],
        rows: summaryRows,
      },
      ...tables,
    ],
    data: runs,
    notes,
  };
}
