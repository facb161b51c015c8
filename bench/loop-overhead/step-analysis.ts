import type { ChatRequest, ToolContext } from '@gepa-aime/core';
import { createBuiltinRegistry } from '@gepa-aime/core';
import type { LoopOverheadOptions } from './loop-overhead-options';
import type { Span } from './timed-components';
import { type Fixture, type RunRecord, respondingModel } from './timed-run';

export interface RunAnalysis {
  /** Per actor step with a tool call: step wall time, and that minus the model's and the tool's own time. */
  stepTotal: number[];
  stepFramework: number[];
  /** Per planner iteration: its wall time minus model, tool and the actor steps' framework time. */
  iterationFramework: number[];
  modelMs: number;
  toolMs: number;
}

export function analyse(record: RunRecord): RunAnalysis {
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
export async function baselineSteps(
  record: RunRecord,
  fixture: Fixture,
  options: LoopOverheadOptions,
): Promise<number[]> {
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
