import { numberFlag } from '../lib/args';
import type { Benchmark } from '../lib/types';
import { fullOptions, runServerLoadBenchmark, smokeOptions } from './run-server-load';

const benchmark: Benchmark = {
  name: 'server-load',
  description:
    'Concurrent runs via POST /runs with WebSocket clients subscribed to all: runs/s, delivery latency, RSS, integrity',
  run: ({ flags, smoke }) => {
    const base = smoke ? smokeOptions : fullOptions;
    return runServerLoadBenchmark({
      ...base,
      runs: numberFlag(flags, 'runs', base.runs),
      clients: numberFlag(flags, 'clients', base.clients),
      latencyMs: numberFlag(flags, 'latency', base.latencyMs),
      repetitions: numberFlag(flags, 'repetitions', base.repetitions),
    });
  },
};

export default benchmark;
