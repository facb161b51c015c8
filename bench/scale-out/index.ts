import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { fullOptions, runScaleOutBenchmark, smokeOptions } from './run-scale-out';

const benchmark: Benchmark = {
  name: 'scale-out',
  description:
    'PostgreSQL mode: runs/s with 1, 2 and 4 workers (2 API replicas), event delivery to WebSocket clients on both replicas, against the embedded mode',
  run: ({ flags, smoke }) => {
    const base = smoke ? smokeOptions : fullOptions;
    return runScaleOutBenchmark({
      ...base,
      runs: numberFlag(flags, 'runs', base.runs),
      clients: numberFlag(flags, 'clients', base.clients),
      latencyMs: numberFlag(flags, 'latency', base.latencyMs),
      workerConcurrency: numberFlag(flags, 'concurrency', base.workerConcurrency),
    });
  },
};

export default benchmark;
