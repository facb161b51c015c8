import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import type { AnyTool, ChatRequest, RunEvent, WorkflowReport } from '@gepa-aime/core';
import { type AIMEConfig, AIMEWorkflow, createBuiltinRegistry, loadConfig } from '@gepa-aime/core';
import { ScriptedModel } from '@gepa-aime/core/testing';
import { createAIMEResponder, isJudgeRequest } from './aime-responder';
import type { LoopOverheadOptions } from './loop-overhead-options';
import { type Span, TimedModel, timedTool } from './timed-components';

const TIMED_TOOLS = ['read_file', 'list_dir'];

export interface Fixture {
  workspaceRoot: string;
  /** Defaults from an empty config directory, loaded once for every run. */
  config: AIMEConfig;
  cleanup(): void;
}

export function createFixture(): Fixture {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-bench-overhead-')));
  const workspaceRoot = join(root, 'workspace');
  const configDirectory = join(root, 'config');
  mkdirSync(join(workspaceRoot, 'src'), { recursive: true });
  mkdirSync(configDirectory);
  writeFileSync(join(workspaceRoot, 'README.md'), `# Bench workspace\n\n${'A line of text.\n'.repeat(30)}`);
  for (const name of ['a', 'b', 'c'])
    writeFileSync(join(workspaceRoot, 'src', `${name}.ts`), `export const ${name} = 1;\n`);
  const config = loadConfig({ directory: configDirectory, env: {} });
  return { workspaceRoot, config, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}

export interface RunRecord {
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

export function respondingModel(options: LoopOverheadOptions): ScriptedModel {
  const respond = createAIMEResponder({ tasks: options.tasks, callsPerTask: options.callsPerTask });
  return new ScriptedModel({
    fallback: (request) =>
      respond({
        messages: request.messages,
        planner: request.responseSchema !== undefined,
        judge: isJudgeRequest(request),
      }),
  });
}

/** One run of the 20-task goal, tasks one after another so every step is measured in isolation. */
export async function timedRun(
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
    config: fixture.config,
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

export function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => space.space_name === 'old_space' || space.space_name === 'large_object_space')
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
