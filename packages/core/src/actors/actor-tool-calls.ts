import type { ToolCall } from '../llm/types';
import { ToolLoopDetector } from '../planner/loop-detector';
import { MAX_TOOL_OUTPUT_PREVIEW_BYTES, previewText } from '../protocol/event-size';
import type { AnyTool } from '../tools/types';
import { type ActorReport, FINISH_TOOL_NAME } from './actor-report';
import type { ActorReportBuilder } from './actor-report-builder';
import type { ActorRunContext } from './actor-run-context';
import { approvalStep } from './approval-step';
import { parseFinishCall } from './final-report';
import { runTool, type ToolExecutor } from './run-tool';
import { parseArguments } from './tool-arguments';

/** What one tool call left: the observation for the model, and the report or loop that ends the task. */
export interface StepOutcome {
  observation: string;
  ok: boolean;
  report?: ActorReport;
  loop?: string;
  /** The MCP bundle the called tool comes from (absent for built-in tools). */
  bundle?: string;
}

export interface ActorToolCallsOptions {
  taskId: string;
  tools: AnyTool[];
  /** Names offered to the model (an unknown tool's error lists them). */
  toolNames: string[];
  toolTimeoutMs: number;
  loopLimit: number;
  executeTool?: ToolExecutor | undefined;
}

/**
 * Runs an actor's tool calls: the finish call becomes the report, a repeated call stops the task
 * (loop detection), any other call runs its tool with tool-call / tool-result events around it.
 */
export class ActorToolCalls {
  private readonly options: ActorToolCallsOptions;
  private readonly findings: ActorReportBuilder;
  private readonly loopDetector: ToolLoopDetector;

  constructor(options: ActorToolCallsOptions, findings: ActorReportBuilder) {
    this.options = options;
    this.findings = findings;
    this.loopDetector = new ToolLoopDetector(options.loopLimit);
  }

  /** Runs one tool call (or the finish call) and returns the observation. */
  async handle(context: ActorRunContext, call: ToolCall, step: number): Promise<StepOutcome> {
    const name = call.function.name;
    if (name === FINISH_TOOL_NAME) {
      const finish = parseFinishCall(call.function.arguments);
      if ('error' in finish) return this.failed(finish.error);
      const report = this.findings.fromModel(finish.report, step);
      return { observation: `Finished (${finish.report.status}).`, ok: true, report };
    }
    if (this.loopDetector.record(name, call.function.arguments)) {
      const loop = `Loop detected: ${name} was called ${this.loopDetector.limit} times with the same arguments ${call.function.arguments}; stopping this subtask so the planner can change the plan.`;
      return { observation: loop, ok: false, loop };
    }
    const { taskId } = this.options;
    const tool = this.options.tools.find((candidate) => candidate.name === name);
    const bundle = tool?.source?.bundle;
    const from = bundle ? { bundle } : {};
    await context.emit({
      type: 'tool-call',
      taskId,
      callId: call.id,
      tool: name,
      ...from,
      args: parseArguments(call.function.arguments),
    });
    const denied = tool ? await approvalStep(context, taskId, tool, call) : undefined;
    const result = denied
      ? { ok: false, output: '', error: denied, references: [], ms: 0, observation: `Error: ${denied}` }
      : await runTool(
          tool,
          name,
          call.function.arguments,
          {
            workspaceRoot: context.workspaceRoot,
            signal: context.signal,
            taskId,
            reportProgress: context.reportProgress,
          },
          {
            timeoutMs: this.options.toolTimeoutMs,
            availableTools: this.options.toolNames,
            executeTool: this.options.executeTool,
          },
        );
    context.signal.throwIfAborted();
    await context.emit({
      type: 'tool-result',
      taskId,
      callId: call.id,
      tool: name,
      ...from,
      ok: result.ok,
      // The model gets the whole output; the event (log line, WebSocket frame) a bounded preview.
      output: previewText(result.output, MAX_TOOL_OUTPUT_PREVIEW_BYTES),
      ...(result.error ? { error: previewText(result.error, MAX_TOOL_OUTPUT_PREVIEW_BYTES) } : {}),
      ms: result.ms,
    });
    this.findings.addReferences(result.references);
    if (!result.ok) return { ...this.failed(result.observation), ...from };
    return { observation: result.observation, ok: true, ...from };
  }

  private failed(observation: string): StepOutcome {
    this.findings.addFailure(observation);
    return { observation, ok: false };
  }
}
