import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { loadConfig } from '../../packages/core/src/config/load-config';
import type { ChatRequest } from '../../packages/core/src/llm/types';
import { ScriptedModel } from '../../packages/core/src/testing/scripted-model';
import { createBuiltinRegistry } from '../../packages/core/src/tools/registry/create-builtin-registry';
import type { AnyTool, ToolContext } from '../../packages/core/src/tools/types';
import { AIMEWorkflow } from '../../packages/core/src/workflow/aime-workflow';
import type { RunEvent, WorkflowReport } from '../../packages/core/src/workflow/events';
import type { BenchReport } from '../lib/types';
import { createAimeResponder } from './aime-responder';
import { collectGarbage, describeMachine, fixed, machineInfo, median, p95 } from './measurement';
import { type Span, TimedModel, timedTool } from './timed-components';

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
const TIMED_TOOLS = ['read_file', 'list_dir'];

interface Fixture {
  workspaceRoot: string;
  configDirectory: string;
  cleanup(): void;
}

function createFixture(): Fixture {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-bench-overhead-')));
  const workspaceRoot = join(root, 'workspace');
  const configDirectory = join(root, 'config');
  mkdirSync(join(workspaceRoot, 'src'), { recursive: true });
  mkdirSync(configDirectory);
  writeFileSync(join(workspaceRoot, 'README.md'), `# Bench workspace\n\n${'A line of text.\n'.repeat(30)}`);
  for (const name of ['a', 'b', 'c'])
    writeFileSync(join(workspaceRoot, 'src', `${name}.ts`), `export const ${name} = 1;\n`);
  return { workspaceRoot, configDirectory, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

interface RunRecord {
  spans: Span[];
  requests: ChatRequest[];
  wallMs: number;
  /** performance.now() when run() resolved. */
  endedAt: number;
  report: WorkflowReport;
  events: RunEvent[];
  peakHeapBytes: number;
  /** Peak of old space + large objects: what survived the young generation. */
  peakOldBytes: number;
}

function respondingModel(options: LoopOverheadOptions): ScriptedModel {
  const respond = createAimeResponder({ tasks: options.tasks, callsPerTask: options.callsPerTask });
  return new ScriptedModel({
    fallback: (request) => respond({ messages: request.messages, planner: request.responseSchema !== undefined }),
  });
}

/** One run of the 20-task goal, tasks one after another so every step is measured in isolation. */
async function timedRun(
  fixture: Fixture,
  options: LoopOverheadOptions,
  maxParallelActors: number,
  sampleHeap = false,
): Promise<RunRecord> {
  const spans: Span[] = [];
  const inner = respondingModel(options);
  const tools = createBuiltinRegistry();
  for (const name of TIMED_TOOLS) tools.register(timedTool(tools.get(name) as AnyTool, spans), { replace: true });
  const workflow = new AIMEWorkflow({
    config: loadConfig({ directory: fixture.configDirectory, env: {} }),
    model: new TimedModel(inner, spans),
    workspaceRoot: fixture.workspaceRoot,
    tools,
    limits: { maxIterations: options.tasks + 5 },
  });
  const events: RunEvent[] = [];
  let peakHeapBytes = 0;
  let peakOldBytes = 0;
  const started = performance.now();
  const report = await workflow.run(`Do ${options.tasks} independent things`, {
    maxParallelActors,
    onEvent: (event) => {
      events.push(event);
      if (!sampleHeap) return;
      peakHeapBytes = Math.max(peakHeapBytes, getHeapStatistics().used_heap_size);
      peakOldBytes = Math.max(peakOldBytes, oldGenerationBytes());
    },
  });
  const endedAt = performance.now();
  if (report.status !== 'completed') throw new Error(`benchmark run ended ${report.status}: ${report.error ?? ''}`);
  return {
    spans,
    requests: inner.requests,
    wallMs: endedAt - started,
    endedAt,
    report,
    events,
    peakHeapBytes,
    peakOldBytes,
  };
}

function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'old_space' || space.space_name === 'large_object_space')
    .reduce((sum, space) => sum + space.space_used_size, 0);
}

interface RunAnalysis {
  /** Per actor step with a tool call: step wall time, and that minus the model's and the tool's own time. */
  stepTotal: number[];
  stepFramework: number[];
  /** Per planner iteration: its wall time minus model, tool and the actor steps' framework time. */
  iterationFramework: number[];
  modelMs: number;
  toolMs: number;
}

function analyse(record: RunRecord): RunAnalysis {
  const runEnd = record.endedAt;
  const models = record.spans.filter((span) => span.kind === 'model').sort((a, b) => a.start - b.start);
  const toolSpans = record.spans.filter((span) => span.kind === 'tool');
  const selfTime = (spans: Span[], from: number, to: number) =>
    spans.filter((span) => span.start >= from && span.start < to).reduce((sum, span) => sum + span.end - span.start, 0);
  const stepTotal: number[] = [];
  const stepFramework: number[] = [];
  const stepStarts: Array<[number, number]> = [];
  models.forEach((span, index) => {
    if (span.role !== 'actor' || !span.callsTool) return;
    const next = models[index + 1];
    if (!next) return;
    const total = next.start - span.start;
    const framework = total - (span.end - span.start) - selfTime(toolSpans, span.start, next.start);
    stepTotal.push(total);
    stepFramework.push(framework);
    stepStarts.push([span.start, framework]);
  });
  const planners = models.filter((span) => span.role === 'planner');
  const iterationFramework = planners.map((span, index) => {
    const to = planners[index + 1]?.start ?? runEnd;
    const steps = stepStarts.filter(([start]) => start >= span.start && start < to);
    return (
      to -
      span.start -
      selfTime(models, span.start, to) -
      selfTime(toolSpans, span.start, to) -
      steps.reduce((sum, [, framework]) => sum + framework, 0)
    );
  });
  return {
    stepTotal,
    stepFramework,
    iterationFramework,
    modelMs: selfTime(models, -Infinity, Infinity),
    toolMs: selfTime(toolSpans, -Infinity, Infinity),
  };
}

/** The same model calls and tool executions, replayed directly: no planner, actor, events or validation. */
async function baselineSteps(record: RunRecord, fixture: Fixture, options: LoopOverheadOptions): Promise<number[]> {
  const model = respondingModel(options);
  const registry = createBuiltinRegistry();
  const toolSpans = record.spans.filter((span) => span.kind === 'tool');
  // Tasks ran one at a time, so the actor requests answered with a tool call pair up with the tool spans in order.
  const actorToolRequests = record.requests.filter(
    (request) => !request.responseSchema && isToolStep(request, options),
  );
  const context: ToolContext = {
    workspaceRoot: fixture.workspaceRoot,
    signal: new AbortController().signal,
    taskId: 'baseline',
    reportProgress() {},
  };
  const durations: number[] = [];
  for (const [index, span] of toolSpans.entries()) {
    const request = actorToolRequests[index];
    const tool = registry.get(span.tool ?? '');
    if (!request || !tool) continue;
    const start = performance.now();
    await model.chat(request);
    await tool.execute(span.args, context);
    durations.push(performance.now() - start);
  }
  return durations;
}

/** An actor request the responder answers with a tool call (fewer tool messages than tool steps). */
function isToolStep(request: ChatRequest, options: LoopOverheadOptions): boolean {
  return request.messages.filter((message) => message.role === 'tool').length < options.callsPerTask - 1;
}

export async function runLoopOverheadBenchmark(options: LoopOverheadOptions): Promise<BenchReport> {
  const machine = machineInfo();
  const fixture = createFixture();
  try {
    for (let index = 0; index < options.warmupRuns; index++) await timedRun(fixture, options, 1);
    const stepTotal: number[] = [];
    const stepFramework: number[] = [];
    const iterationFramework: number[] = [];
    const baseline: number[] = [];
    const perRun: Array<{ wallMs: number; modelMs: number; toolMs: number; frameworkMs: number; steps: number }> = [];
    for (let index = 0; index < options.runs; index++) {
      const record = await timedRun(fixture, options, 1);
      const analysis = analyse(record);
      stepTotal.push(...analysis.stepTotal);
      stepFramework.push(...analysis.stepFramework);
      iterationFramework.push(...analysis.iterationFramework);
      baseline.push(...(await baselineSteps(record, fixture, options)));
      perRun.push({
        wallMs: record.wallMs,
        modelMs: analysis.modelMs,
        toolMs: analysis.toolMs,
        frameworkMs: record.wallMs - analysis.modelMs - analysis.toolMs,
        steps: analysis.stepTotal.length,
      });
    }
    const parallelWall: number[] = [];
    for (let index = 0; index < Math.max(1, Math.floor(options.runs / 3)); index++) {
      parallelWall.push((await timedRun(fixture, options, 3)).wallMs);
    }
    const heap: Array<{ peakMB: number; oldPeakMB: number; eventLogMB: number; events: number }> = [];
    for (let index = 0; index < options.heapRuns; index++) {
      collectGarbage();
      const before = getHeapStatistics().used_heap_size;
      const oldBefore = oldGenerationBytes();
      const record = await timedRun(fixture, options, 1, true);
      heap.push({
        peakMB: (record.peakHeapBytes - before) / 2 ** 20,
        oldPeakMB: (record.peakOldBytes - oldBefore) / 2 ** 20,
        eventLogMB: JSON.stringify(record.events).length / 2 ** 20,
        events: record.events.length,
      });
    }
    return buildReport(options, machine, {
      stepTotal,
      stepFramework,
      iterationFramework,
      baseline,
      perRun,
      parallelWall,
      heap,
    });
  } finally {
    fixture.cleanup();
  }
}

interface Measurements {
  stepTotal: number[];
  stepFramework: number[];
  iterationFramework: number[];
  baseline: number[];
  perRun: Array<{ wallMs: number; modelMs: number; toolMs: number; frameworkMs: number; steps: number }>;
  parallelWall: number[];
  heap: Array<{ peakMB: number; oldPeakMB: number; eventLogMB: number; events: number }>;
}

function buildReport(
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
