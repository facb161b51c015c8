import { AIMEWorkflow } from '@gepa-aime/core';
import { describeMachine, fixed, machineInfo, median } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import { responderHandler, startBenchEnvironment } from './responder-server';

export interface ParallelSpeedupOptions {
  /** Independent tasks per goal (k). */
  taskCounts: number[];
  /** Fake server latency per model call. */
  latencyMs: number;
  callsPerTask: number;
  repetitions: number;
  /** maxParallelActors values compared with 1 (the sequential baseline, always measured). */
  parallelLimits: number[];
}

export const fullOptions: ParallelSpeedupOptions = {
  taskCounts: [1, 2, 4, 8],
  latencyMs: 100,
  callsPerTask: 3,
  repetitions: 3,
  parallelLimits: [8, 4],
};
export const smokeOptions: ParallelSpeedupOptions = {
  taskCounts: [1, 2],
  latencyMs: 10,
  callsPerTask: 3,
  repetitions: 1,
  parallelLimits: [2],
};

export const TARGET_RATIO = 1.2;

export interface Measurement {
  tasks: number;
  maxParallelActors: number;
  plannerCalls: number;
  modelCalls: number;
  boundMs: number;
  makespansMs: number[];
}

/**
 * The critical path: batches of up to `limit` tasks; each batch waits for one planner call and then
 * `callsPerTask` sequential actor calls; one more planner call declares the goal done.
 */
export function criticalPath(tasks: number, limit: number, callsPerTask: number, latencyMs: number) {
  const batches = Math.ceil(tasks / limit);
  const plannerCalls = batches + 1;
  return { plannerCalls, boundMs: (plannerCalls + batches * callsPerTask) * latencyMs };
}

export async function runParallelSpeedupBenchmark(options: ParallelSpeedupOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const environment = await startBenchEnvironment(
    responderHandler({ tasks: 1, callsPerTask: options.callsPerTask }, 0),
  );
  const measurements: Measurement[] = [];
  try {
    const limits = [...options.parallelLimits, 1];
    for (const tasks of options.taskCounts) {
      environment.fake.setHandler(responderHandler({ tasks, callsPerTask: options.callsPerTask }, options.latencyMs));
      const workflow = new AIMEWorkflow({
        config: environment.config,
        model: environment.model,
        workspaceRoot: environment.workspaceRoot,
        limits: { maxIterations: tasks + 5 },
      });
      // Warm-up (JIT, HTTP keep-alive connections), not measured.
      await workflow.run(`Do ${tasks} independent things`, { maxParallelActors: Math.max(...limits) });
      for (const limit of limits) {
        const { plannerCalls, boundMs } = criticalPath(tasks, limit, options.callsPerTask, options.latencyMs);
        const measurement: Measurement = {
          tasks,
          maxParallelActors: limit,
          plannerCalls,
          modelCalls: 0,
          boundMs,
          makespansMs: [],
        };
        for (let repetition = 0; repetition < options.repetitions; repetition++) {
          const callsBefore = environment.fake.modelRequests().length;
          const started = performance.now();
          const report = await workflow.run(`Do ${tasks} independent things`, { maxParallelActors: limit });
          measurement.makespansMs.push(performance.now() - started);
          if (report.status !== 'completed') throw new Error(`run ended ${report.status}: ${report.error ?? ''}`);
          measurement.modelCalls = environment.fake.modelRequests().length - callsBefore;
        }
        measurements.push(measurement);
      }
    }
  } finally {
    await environment.close();
  }
  return buildReport(options, machine, measurements);
}

function buildReport(
  options: ParallelSpeedupOptions,
  machine: ReturnType<typeof machineInfo>,
  measurements: Measurement[],
): BenchReport {
  const fullParallel = Math.max(...options.parallelLimits);
  const find = (tasks: number, limit: number) =>
    measurements.find((entry) => entry.tasks === tasks && entry.maxParallelActors === limit);
  const boundRows = measurements.map((entry) => {
    const makespan = median(entry.makespansMs);
    const ratio = makespan / entry.boundMs;
    return [
      String(entry.tasks),
      String(entry.maxParallelActors),
      `${entry.plannerCalls} + ${entry.modelCalls - entry.plannerCalls}`,
      fixed(entry.boundMs, 0),
      fixed(makespan, 0),
      `${fixed(ratio, 3)}×`,
      entry.tasks <= entry.maxParallelActors ? (ratio <= TARGET_RATIO ? 'yes' : 'no') : '—',
    ];
  });
  const speedupRows = options.taskCounts.map((tasks) => {
    const sequential = find(tasks, 1);
    const parallel = find(tasks, fullParallel);
    const sequentialMs = sequential ? median(sequential.makespansMs) : Number.NaN;
    const parallelMs = parallel ? median(parallel.makespansMs) : Number.NaN;
    const ideal = (sequential?.boundMs ?? Number.NaN) / (parallel?.boundMs ?? Number.NaN);
    return [
      String(tasks),
      fixed(sequentialMs, 0),
      fixed(parallelMs, 0),
      `${fixed(sequentialMs / parallelMs, 2)}×`,
      `${fixed(ideal, 2)}×`,
    ];
  });
  const targeted = measurements.filter(
    (entry) => entry.tasks <= entry.maxParallelActors && entry.maxParallelActors > 1,
  );
  const worst = Math.max(...targeted.map((entry) => median(entry.makespansMs) / entry.boundMs));
  return {
    name: 'parallel-speedup',
    description:
      `Makespan of goals with k independent tasks, each needing ${options.callsPerTask} model calls, through the real ` +
      `OpenAI-compatible HTTP client against the fake server at ${options.latencyMs} ms per call. Bound = critical ` +
      `path = (planner calls + ${options.callsPerTask} × batches) × latency; baseline = maxParallelActors 1 in the same run.`,
    parameters: { ...options, machine: describeMachine(machine) },
    tables: [
      {
        title: 'Makespan vs the critical-path bound (median of the repetitions)',
        columns: [
          'k',
          'maxParallelActors',
          'model calls (planner + actor)',
          'bound ms',
          'makespan ms',
          'ratio',
          `≤ ${TARGET_RATIO}×`,
        ],
        rows: boundRows,
      },
      {
        title: `Speedup of maxParallelActors ${fullParallel} over maxParallelActors 1`,
        columns: [
          'k',
          'maxParallelActors 1 ms',
          `maxParallelActors ${fullParallel} ms`,
          'speedup',
          'ideal (bound ratio)',
        ],
        rows: speedupRows,
      },
      {
        title: 'Target',
        columns: ['target', 'measured', 'met'],
        rows: [
          [
            `makespan within ${TARGET_RATIO}× of the bound for k ≤ maxParallelActors`,
            `worst ${fixed(worst, 3)}×`,
            worst <= TARGET_RATIO ? 'yes' : 'no',
          ],
        ],
      },
    ],
    data: { machine, measurements },
    notes: [
      `Machine: ${describeMachine(machine)}; the fake server runs in the same process as the workflow.`,
      'Rows with k > maxParallelActors are informational: the bound then counts one planner call per batch.',
    ],
  };
}
