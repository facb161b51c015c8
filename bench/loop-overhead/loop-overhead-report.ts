import { describeMachine, fixed, type machineInfo, median, p95 } from '../lib/measurement';
import type { BenchReport } from '../lib/types';
import { type LoopOverheadOptions, TARGET_HEAP_MB, TARGET_STEP_MS } from './loop-overhead-options';

export interface Measurements {
  stepTotal: number[];
  stepFramework: number[];
  iterationFramework: number[];
  baseline: number[];
  perRun: Array<{ wallMs: number; modelMs: number; toolMs: number; frameworkMs: number; steps: number }>;
  parallelWall: number[];
  heap: Array<{ peakMB: number; oldPeakMB: number; eventLogMB: number; events: number }>;
}

export function buildReport(
  options: LoopOverheadOptions,
  machine: ReturnType<typeof machineInfo>,
  measured: Measurements,
): BenchReport {
  const stepMedian = median(measured.stepFramework);
  const peakHeap = Math.max(...measured.heap.map((entry) => entry.peakMB));
  const ratio = median(measured.stepTotal) / median(measured.baseline);
  const row = (name: string, values: number[], unit = 'ms') => [
    name,
    fixed(median(values)),
    fixed(p95(values)),
    String(values.length),
    unit,
  ];
  const stepMet = stepMedian < TARGET_STEP_MS;
  const heapMet = peakHeap < TARGET_HEAP_MB;
  return {
    name: 'loop-overhead',
    description:
      `Framework overhead of the AIME loop: a ${options.tasks}-task goal, each task ${options.callsPerTask - 1} actor ` +
      `steps (one model call + one tool call: read_file / list_dir) and a finish call, against a zero-latency ` +
      'in-process ScriptedModel. Framework time = wall time − the model’s own time − the tool’s own time. ' +
      'Baseline (same run): the same model.chat + tool.execute calls replayed directly, without the framework.',
    parameters: { ...options, maxParallelActors: 1, machine: describeMachine(machine) },
    tables: [
      {
        title: 'Per step and per iteration (all measured runs pooled)',
        columns: ['metric', 'median', 'p95', 'samples', 'unit'],
        rows: [
          row('framework time per actor step', measured.stepFramework),
          row('actor step wall time (framework + model + tool)', measured.stepTotal),
          row('baseline: raw model.chat + tool.execute', measured.baseline),
          row('framework time per planner iteration (excl. actor steps)', measured.iterationFramework),
          row(
            'run wall time, maxParallelActors 1',
            measured.perRun.map((run) => run.wallMs),
          ),
          row('run wall time, maxParallelActors 3', measured.parallelWall),
          row(
            'framework time per run',
            measured.perRun.map((run) => run.frameworkMs),
          ),
          row(
            'heap growth per run, peak',
            measured.heap.map((entry) => entry.peakMB),
            'MB',
          ),
          row(
            'heap growth per run, old generation + large objects (peak)',
            measured.heap.map((entry) => entry.oldPeakMB),
            'MB',
          ),
          row(
            'event log per run (JSON)',
            measured.heap.map((entry) => entry.eventLogMB),
            'MB',
          ),
        ],
      },
      {
        title: 'Targets',
        columns: ['target', 'measured', 'met'],
        rows: [
          [
            `framework per actor step, median < ${TARGET_STEP_MS} ms`,
            `${fixed(stepMedian)} ms`,
            stepMet ? 'yes' : 'no',
          ],
          [`heap per run < ${TARGET_HEAP_MB} MB (peak growth)`, `${fixed(peakHeap, 2)} MB`, heapMet ? 'yes' : 'no'],
          ['actor step wall / raw baseline (ratio of medians)', `${fixed(ratio, 2)}×`, '—'],
        ],
      },
    ],
    data: { machine, ...measured },
    notes: [
      `Machine: ${describeMachine(machine)}. Shared with other work, so compare ratios within this run.`,
      'Tasks run one at a time (maxParallelActors 1) so each step’s interval holds only its own work; the wall time with 3 parallel actors is shown for reference.',
      'Heap: used heap sampled at every event during the run, minus the heap after a full GC before it. The total includes garbage not yet collected (it is bounded by the young generation); the old-generation row is what survived scavenges, closer to what the run keeps.',
    ],
  };
}
