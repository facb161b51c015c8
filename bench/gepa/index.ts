import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { fullOptions, runGEPABenchmark, smokeOptions } from './run-gepa-bench';

const benchmark: Benchmark = {
  name: 'gepa',
  description: 'GEPA: pareto vs current-best vs the reminder rule on a simulated skill suite',
  run: async ({ flags, smoke }) => {
    const base = smoke ? smokeOptions : fullOptions;
    const seedCount = numberFlag(flags, 'seeds', base.seeds.length);
    const budget = numberFlag(flags, 'budget', base.budget);
    return runGEPABenchmark({
      ...base,
      seeds: Array.from({ length: seedCount }, (_, index) => index + 1),
      budget,
      checkpoints:
        budget === base.budget ? base.checkpoints : [1, 2, 3, 4].map((part) => Math.round((budget * part) / 4)),
    });
  },
};

export default benchmark;
