/** Sizes of the server-load benchmark. */
export interface ServerLoadOptions {
  runs: number;
  clients: number;
  /** Fake model latency per call. */
  latencyMs: number;
  tasks: number;
  callsPerTask: number;
  /** Bound on the whole load phase. */
  timeoutMs: number;
  /** Independent measurements (fresh server processes each); medians and pooled latencies are reported. */
  repetitions: number;
}

export const fullOptions: ServerLoadOptions = {
  runs: 50,
  clients: 20,
  latencyMs: 20,
  tasks: 3,
  callsPerTask: 3,
  timeoutMs: 180_000,
  repetitions: 3,
};
export const smokeOptions: ServerLoadOptions = {
  runs: 4,
  clients: 3,
  latencyMs: 5,
  tasks: 2,
  callsPerTask: 2,
  timeoutMs: 30_000,
  repetitions: 1,
};
