/** Sizes of the loop-overhead benchmark. */
export interface LoopOverheadOptions {
  tasks: number;
  /** Model calls per task: `callsPerTask - 1` actor steps with a tool call, then `finish`. */
  callsPerTask: number;
  warmupRuns: number;
  runs: number;
  heapRuns: number;
}

export const fullOptions: LoopOverheadOptions = { tasks: 20, callsPerTask: 3, warmupRuns: 5, runs: 30, heapRuns: 5 };
export const smokeOptions: LoopOverheadOptions = { tasks: 3, callsPerTask: 3, warmupRuns: 0, runs: 2, heapRuns: 1 };

export const TARGET_STEP_MS = 0.2;
export const TARGET_HEAP_MB = 20;
