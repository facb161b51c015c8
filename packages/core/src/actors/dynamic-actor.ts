import type { ChatMessage, ChatResponse, LanguageModel, ToolCall } from '../llm/types';
import type { ActivePrompt } from '../optimizer/prompt-optimizer';
import { ToolLoopDetector } from '../planner/loop-detector';
import { parseJsonObject } from '../planner/parse-json-object';
import { toToolDefinitions } from '../tools/registry/tool-definitions';
import type { AnyTool } from '../tools/types';
import type { RunEventInput, TaskStatus } from '../workflow/events';
import { ActorModelError } from './actor-model-error';
import { type ActorReport, actorReportSchema, FINISH_TOOL_NAME } from './actor-report';
import { finishTool } from './finish-tool';
import { parseReactText } from './react-text';
import { runTool, type ToolExecutor } from './run-tool';

export interface ActorTask {
  id: string;
  title: string;
  completionCriteria?: string;
}

export interface DynamicActorOptions {
  name: string;
  persona: string;
  goal: string;
  task: ActorTask;
  systemPrompt: string;
  /** The prompt component the system prompt was built from (for GEPA traces). */
  prompt: ActivePrompt;
  tools: AnyTool[];
  model: LanguageModel;
  protocol: 'native' | 'react-text';
  maxSteps: number;
  toolTimeoutMs: number;
  /** Same tool + same arguments this many times within the task stops the actor. */
  loopLimit: number;
  now: () => number;
  executeTool?: ToolExecutor;
}

export interface ActorRunContext {
  workspaceRoot: string;
  signal: AbortSignal;
  emit(event: RunEventInput): void | Promise<void>;
  reportProgress(status: TaskStatus, message: string): void;
}

interface StepOutcome {
  observation: string;
  ok: boolean;
  report?: ActorReport;
  loop?: string;
}

/**
 * A Dynamic Actor: runs one subtask as a ReAct loop (thought → tool call(s) → observation …) until
 * it calls `finish` with its structured report, answers without a tool call, repeats itself (loop
 * detection) or runs out of steps. Tool errors and invalid arguments come back as observations.
 */
export class DynamicActor {
  readonly options: DynamicActorOptions;
  private readonly loopDetector: ToolLoopDetector;
  private readonly failedObservations: string[] = [];
  private readonly references = new Set<string>();
  private stepsTaken = 0;

  constructor(options: DynamicActorOptions) {
    this.options = options;
    this.loopDetector = new ToolLoopDetector(options.loopLimit);
  }

  get name(): string {
    return this.options.name;
  }

  get toolNames(): string[] {
    return [...this.options.tools.map((tool) => tool.name), FINISH_TOOL_NAME];
  }

  taskMessage(): string {
    const { task, goal } = this.options;
    const lines = [`Subtask [${task.id}]: ${task.title}`];
    if (task.completionCriteria) lines.push(`Completion criteria: ${task.completionCriteria}`);
    lines.push(`Overall goal (for context): ${goal}`);
    return lines.join('\n');
  }

  async run(context: ActorRunContext): Promise<ActorReport> {
    try {
      return this.options.protocol === 'react-text' ? await this.runReactText(context) : await this.runNative(context);
    } catch (error) {
      if (context.signal.aborted || !(error instanceof ActorModelError)) throw error;
      return this.report('failed', `Model error: ${error.message}`, this.stepsTaken, 'model-error');
    }
  }

  private async runNative(context: ActorRunContext): Promise<ActorReport> {
    const messages: ChatMessage[] = [
      { role: 'system', content: this.options.systemPrompt },
      { role: 'user', content: this.taskMessage() },
    ];
    const definitions = toToolDefinitions([...this.options.tools, finishTool]);
    for (let step = 1; step <= this.options.maxSteps; step++) {
      const response = await this.callModel(context, { messages, tools: definitions, toolChoice: 'auto' });
      const thought = response.reasoning?.trim() || response.content.trim();
      if (response.toolCalls.length === 0) {
        await context.emit({ type: 'actor-step', taskId: this.options.task.id, step, thought, action: null });
        return this.finalMessage(response.content, step);
      }
      messages.push({ role: 'assistant', content: response.content || null, tool_calls: response.toolCalls });
      for (const call of response.toolCalls) {
        const outcome = await this.act(context, call, step);
        messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.observation });
        await context.emit({
          type: 'actor-step',
          taskId: this.options.task.id,
          step,
          thought: thought || `Calling ${call.function.name}`,
          action: call.function.name,
          args: parseArguments(call.function.arguments),
          observation: clipObservation(outcome.observation),
        });
        if (outcome.report) return outcome.report;
        if (outcome.loop) return this.report('failed', outcome.loop, step, 'loop');
      }
    }
    return this.stepLimitReport();
  }

  private async runReactText(context: ActorRunContext): Promise<ActorReport> {
    const messages: ChatMessage[] = [
      { role: 'system', content: this.options.systemPrompt },
      { role: 'user', content: this.taskMessage() },
    ];
    for (let step = 1; step <= this.options.maxSteps; step++) {
      const response = await this.callModel(context, { messages });
      const parsed = parseReactText(response.content);
      if (!parsed.action) {
        await context.emit({
          type: 'actor-step',
          taskId: this.options.task.id,
          step,
          thought: parsed.thought,
          action: null,
        });
        return this.finalMessage(response.content, step);
      }
      const call: ToolCall = {
        id: `react_${this.options.task.id}_${step}`,
        type: 'function',
        function: { name: parsed.action, arguments: parsed.input },
      };
      const outcome = await this.act(context, call, step);
      messages.push(
        { role: 'assistant', content: response.content },
        { role: 'user', content: `Observation: ${outcome.observation}` },
      );
      await context.emit({
        type: 'actor-step',
        taskId: this.options.task.id,
        step,
        thought: parsed.thought,
        action: parsed.action,
        args: parseArguments(parsed.input),
        observation: clipObservation(outcome.observation),
      });
      if (outcome.report) return outcome.report;
      if (outcome.loop) return this.report('failed', outcome.loop, step, 'loop');
    }
    return this.stepLimitReport();
  }

  private async callModel(
    context: ActorRunContext,
    request: Omit<Parameters<LanguageModel['chat']>[0], 'signal'>,
  ): Promise<ChatResponse> {
    context.signal.throwIfAborted();
    const started = this.options.now();
    this.stepsTaken += 1;
    let response: ChatResponse;
    try {
      response = await this.options.model.chat({ ...request, messages: [...request.messages], signal: context.signal });
    } catch (error) {
      if (context.signal.aborted) throw error;
      throw new ActorModelError(error);
    }
    const usage = response.usage;
    await context.emit({
      type: 'llm-usage',
      role: 'actor',
      taskId: this.options.task.id,
      promptTokens: usage.promptTokens,
      completionTokens: usage.completionTokens,
      totalTokens: usage.totalTokens,
      ...(usage.estimated ? { estimated: true } : {}),
      ms: this.options.now() - started,
    });
    return response;
  }

  /** Runs one tool call (or the finish call) and returns the observation. */
  private async act(context: ActorRunContext, call: ToolCall, step: number): Promise<StepOutcome> {
    const name = call.function.name;
    if (name === FINISH_TOOL_NAME) {
      const parsed = actorReportSchema.safeParse(parseArguments(call.function.arguments));
      if (!parsed.success) {
        const problem = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
        return this.failed(
          `Error: invalid finish report (${problem}). Call finish again with status, summary and references.`,
        );
      }
      const report = this.report(parsed.data.status, parsed.data.summary, step);
      report.references = unique([...parsed.data.references, ...this.references]);
      return { observation: `Finished (${parsed.data.status}).`, ok: true, report };
    }
    if (this.loopDetector.record(name, call.function.arguments)) {
      const loop = `Loop detected: ${name} was called ${this.loopDetector.limit} times with the same arguments ${call.function.arguments}; stopping this subtask so the planner can change the plan.`;
      return { observation: loop, ok: false, loop };
    }
    const tool = this.options.tools.find((candidate) => candidate.name === name);
    await context.emit({
      type: 'tool-call',
      taskId: this.options.task.id,
      callId: call.id,
      tool: name,
      args: parseArguments(call.function.arguments),
    });
    const result = await runTool(
      tool,
      name,
      call.function.arguments,
      {
        workspaceRoot: context.workspaceRoot,
        signal: context.signal,
        taskId: this.options.task.id,
        reportProgress: context.reportProgress,
      },
      { timeoutMs: this.options.toolTimeoutMs, availableTools: this.toolNames, executeTool: this.options.executeTool },
    );
    context.signal.throwIfAborted();
    await context.emit({
      type: 'tool-result',
      taskId: this.options.task.id,
      callId: call.id,
      tool: name,
      ok: result.ok,
      output: result.output,
      ...(result.error ? { error: result.error } : {}),
      ms: result.ms,
    });
    for (const reference of result.references) this.references.add(reference);
    if (!result.ok) return this.failed(result.observation);
    return { observation: result.observation, ok: true };
  }

  private failed(observation: string): StepOutcome {
    this.failedObservations.push(observation);
    return { observation, ok: false };
  }

  /** An answer without a tool call: a JSON report, or plain text taken as the summary. */
  private finalMessage(content: string, step: number): ActorReport {
    const json = parseJsonObject(content);
    const parsed = json ? actorReportSchema.safeParse(json) : undefined;
    if (parsed?.success) {
      const report = this.report(parsed.data.status, parsed.data.summary, step);
      report.references = unique([...parsed.data.references, ...this.references]);
      return report;
    }
    const finalAnswer = /Final Answer\s*:\s*([\s\S]*)$/i.exec(content)?.[1];
    const text = (finalAnswer ?? content.replace(/^\s*Thought\s*:\s*/i, '')).trim();
    if (!text) return this.report('failed', 'The actor ended without a report.', step, 'no-answer');
    return this.report('complete', text, step);
  }

  private stepLimitReport(): ActorReport {
    const last = this.failedObservations.at(-1);
    return this.report(
      'failed',
      `Stopped after ${this.options.maxSteps} steps without a finish report${last ? ` (last error: ${last})` : ''}.`,
      this.options.maxSteps,
      'max-steps',
    );
  }

  private report(
    status: ActorReport['status'],
    summary: string,
    steps: number,
    stopReason?: ActorReport['stopReason'],
  ): ActorReport {
    const report: ActorReport = {
      status,
      summary,
      references: [...this.references],
      steps,
      failedObservations: [...this.failedObservations],
    };
    if (stopReason) report.stopReason = stopReason;
    return report;
  }
}

/** actor-step events carry at most this much of an observation (the full text is in tool-result). */
export const MAX_STEP_OBSERVATION_CHARS = 4000;

function clipObservation(observation: string): string {
  if (observation.length <= MAX_STEP_OBSERVATION_CHARS) return observation;
  return `${observation.slice(0, MAX_STEP_OBSERVATION_CHARS)}… [${observation.length - MAX_STEP_OBSERVATION_CHARS} more characters in the tool-result event]`;
}

export function parseArguments(raw: string): unknown {
  if (raw.trim() === '') return {};
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
