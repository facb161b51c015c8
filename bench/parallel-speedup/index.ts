import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { fullOptions, runParallelSpeedupBenchmark, smokeOptions } from './run-parallel-speedup';

const benchmark: Benchmark = {
  name: 'parallel-speedup',
  description: 'Makespan of k independent tasks vs the critical-path bound and vs maxParallelActors = 1',
  run: ({ flags, smoke }) => {
    const base = smoke ? smokeOptions : fullOptions;
    return runParallelSpeedupBenchmark({
      ...base,
      latencyMs: numberFlag(flags, 'latency', base.latencyMs),
      repetitions: numberFlag(flags, 'repetitions', base.repetitions),
    });
  },
};

export default benchmark;
