import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { fullOptions, runLoopOverheadBenchmark, smokeOptions } from './run-loop-overhead';

const benchmark: Benchmark = {
  name: 'loop-overhead',
  description: 'Framework time per actor step and per planner iteration, and heap per run, with a zero-latency model',
  run: ({ flags, smoke }) => {
    const base = smoke ? smokeOptions : fullOptions;
    return runLoopOverheadBenchmark({
      ...base,
      tasks: numberFlag(flags, 'tasks', base.tasks),
      runs: numberFlag(flags, 'runs', base.runs),
      warmupRuns: numberFlag(flags, 'warmup', base.warmupRuns),
    });
  },
};

export default benchmark;
