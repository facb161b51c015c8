import type { CurvePoint } from './reminder-baseline';

export type StrategyName = 'pareto' | 'current-best' | 'pareto+merge' | 'reminder';

export interface GEPABenchOptions {
  seeds: number[];
  budget: number;
  sizes: { train: number; val: number; test: number };
  checkpoints: number[];
  strategies: StrategyName[];
  minibatchSize: number;
}

export interface StrategyRun {
  strategy: StrategyName;
  seed: number;
  curve: CurvePoint[];
  totalMetricCalls: number;
  candidates: number;
  /** Noise-free expected score of the best-by-validation candidate on the validation split. */
  expectedValScore: number;
  /** Noise-free expected score of the best-by-validation candidate on the held-out test split. */
  testScore: number;
}
