import { isConfigurationError } from '../llm/errors/is-configuration-error';
import type { ChatMessage, ChatResponse, LanguageModel, ToolCall } from '../llm/types';
import { llmUsageEvent } from '../protocol/llm-usage-event';
import type { ActivePrompt } from '../protocol/prompt-optimizer';
import type { ActorRequestMetadata, ActorStep, RequestKnowledge } from '../protocol/request-metadata';
import { toToolDefinitions } from '../tools/registry/tool-definitions';
import type { AnyTool } from '../tools/types';
import { ActorContextExceededError } from './actor-context-exceeded-error';
import { ActorModelError } from './actor-model-error';
import { type ActorReport, FINISH_TOOL_NAME } from './actor-report';
import { ActorReportBuilder } from './actor-report-builder';
import type { ActorRunContext } from './actor-run-context';
import { ActorToolCalls, type StepOutcome } from './actor-tool-calls';
import { chatWithinBudget } from './chat-within-budget';
import type { ContextBudget } from './context-budget';
import { parseFinalMessage } from './final-report';
import { finishTool } from './finish-tool';
import { parseReactText } from './react-text';
import type { ToolExecutor } from './run-tool';
import { clipObservation } from './step-observation';
import { parseArguments } from './tool-arguments';

/** What the model is told when its answer was cut by max_tokens (finish_reason `length`). */
export const CUT_ANSWER_OBSERVATION =
  'Error: your answer was cut off at max_tokens before it was complete, so it was not used (no tool was called). ' +
  'Call one tool at a time and keep each answer shorter; write long content in several smaller steps.';

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
  /** The model's context window; the history is compacted to fit it. Absent: sent as it is. */
  contextBudget?: ContextBudget;
  /** Results of earlier tasks this actor was given (also rendered into its system prompt). */
  knowledge?: RequestKnowledge[];
}

/**
 * A Dynamic Actor: runs one subtask as a ReAct loop (thought → tool call(s) → observation …) until
 * it calls `finish` with its structured report, answers without a tool call, repeats itself (loop
 * detection) or runs out of steps. Tool errors and invalid arguments come back as observations.
 */
export class DynamicActor {
  readonly options: DynamicActorOptions;
  private readonly findings = new ActorReportBuilder();
  private readonly toolCalls: ActorToolCalls;
  private stepsTaken = 0;
  /** The tool calls so far and what they observed: the request metadata's `steps`. */
  private readonly steps: ActorStep[] = [];

  constructor(options: DynamicActorOptions) {
    this.options = options;
    this.toolCalls = new ActorToolCalls(
      {
        taskId: options.task.id,
        tools: options.tools,
        toolNames: this.toolNames,
        toolTimeoutMs: options.toolTimeoutMs,
        loopLimit: options.loopLimit,
        executeTool: options.executeTool,
      },
      this.findings,
    );
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
      if (context.signal.aborted) throw error;
      if (error instanceof ActorContextExceededError) {
        return this.findings.report('failed', error.message, this.stepsTaken, 'model-error');
      }
      if (!(error instanceof ActorModelError)) throw error;
      return this.findings.report('failed', `Model error: ${error.message}`, this.stepsTaken, 'model-error');
    }
  }

  private async runNative(context: ActorRunContext): Promise<ActorReport> {
    const messages = this.initialMessages();
    const definitions = toToolDefinitions([...this.options.tools, finishTool]);
    for (let step = 1; step <= this.options.maxSteps; step++) {
      const response = await this.callModel(context, { messages, tools: definitions, toolChoice: 'auto' });
      if (response.finishReason === 'length') {
        messages.push(...(await this.cutAnswer(context, step, response)));
        continue;
      }
      const thought = response.reasoning?.trim() || response.content.trim();
      if (response.toolCalls.length === 0) return this.answer(context, step, thought, response.content);
      messages.push({ role: 'assistant', content: response.content || null, tool_calls: response.toolCalls });
      for (const call of response.toolCalls) {
        const outcome = await this.toolCalls.handle(context, call, step);
        this.recordStep(call, outcome);
        messages.push({ role: 'tool', tool_call_id: call.id, content: outcome.observation });
        const end = await this.observed(context, step, thought || `Calling ${call.function.name}`, call, outcome);
        if (end) return end;
      }
    }
    return this.stepLimitReport();
  }

  private async runReactText(context: ActorRunContext): Promise<ActorReport> {
    const messages = this.initialMessages();
    for (let step = 1; step <= this.options.maxSteps; step++) {
      const response = await this.callModel(context, { messages });
      if (response.finishReason === 'length') {
        messages.push(...(await this.cutAnswer(context, step, response)));
        continue;
      }
      const parsed = parseReactText(response.content);
      if (!parsed.action) return this.answer(context, step, parsed.thought, response.content);
      const call: ToolCall = {
        id: `react_${this.options.task.id}_${step}`,
        type: 'function',
        function: { name: parsed.action, arguments: parsed.input },
      };
      const outcome = await this.toolCalls.handle(context, call, step);
      this.recordStep(call, outcome);
      messages.push(
        { role: 'assistant', content: response.content },
        { role: 'user', content: `Observation: ${outcome.observation}` },
      );
      const end = await this.observed(context, step, parsed.thought, call, outcome);
      if (end) return end;
    }
    return this.stepLimitReport();
  }

  private initialMessages(): ChatMessage[] {
    return [
      { role: 'system', content: this.options.systemPrompt },
      { role: 'user', content: this.taskMessage() },
    ];
  }

  /**
   * An answer cut by max_tokens is never used — a tool call or report in it is incomplete. The
   * step counts; the actor-step (with `finishReason: 'length'`) and the model's next prompt say why.
   */
  private async cutAnswer(context: ActorRunContext, step: number, response: ChatResponse): Promise<ChatMessage[]> {
    this.findings.addFailure(CUT_ANSWER_OBSERVATION);
    await context.emit({
      type: 'actor-step',
      taskId: this.options.task.id,
      step,
      thought: response.reasoning?.trim() || response.content.trim(),
      action: null,
      observation: CUT_ANSWER_OBSERVATION,
      finishReason: 'length',
    });
    const notice =
      this.options.protocol === 'react-text' ? `Observation: ${CUT_ANSWER_OBSERVATION}` : CUT_ANSWER_OBSERVATION;
    const answer: ChatMessage[] = response.content ? [{ role: 'assistant', content: response.content }] : [];
    return [...answer, { role: 'user', content: notice }];
  }

  private recordStep(call: ToolCall, outcome: StepOutcome): void {
    const args = parseArguments(call.function.arguments);
    this.steps.push({
      tool: call.function.name,
      arguments:
        args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {},
      observation: outcome.observation,
      ok: outcome.ok,
    });
  }

  /** The request's structured intent: the task, the tools offered, the knowledge and the steps so far. */
  private metadata(): ActorRequestMetadata {
    const { goal, task, protocol, knowledge } = this.options;
    return {
      role: 'actor',
      goal,
      task: { ...task },
      tools: this.toolNames,
      toolProtocol: protocol,
      knowledge: knowledge ?? [],
      steps: [...this.steps],
    };
  }

  /** A reply without a tool call: its actor-step, then the report it holds. */
  private async answer(context: ActorRunContext, step: number, thought: string, content: string) {
    await context.emit({ type: 'actor-step', taskId: this.options.task.id, step, thought, action: null });
    return this.finalMessage(content, step);
  }

  /** A tool call's actor-step; the report when the call ended the task (finish, loop). */
  private async observed(
    context: ActorRunContext,
    step: number,
    thought: string,
    call: ToolCall,
    outcome: StepOutcome,
  ): Promise<ActorReport | undefined> {
    await context.emit({
      type: 'actor-step',
      taskId: this.options.task.id,
      step,
      thought,
      action: call.function.name,
      ...(outcome.bundle ? { bundle: outcome.bundle } : {}),
      args: parseArguments(call.function.arguments),
      observation: clipObservation(outcome.observation),
    });
    if (outcome.report) return outcome.report;
    if (outcome.loop) return this.findings.report('failed', outcome.loop, step, 'loop');
    return undefined;
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
      response = await chatWithinBudget(
        { model: this.options.model, budget: this.options.contextBudget },
        { ...request, signal: context.signal, metadata: this.metadata() },
      );
    } catch (error) {
      // A configuration error (no tool parser, unknown model …) would fail every request: it ends the run.
      if (context.signal.aborted || error instanceof ActorContextExceededError || isConfigurationError(error)) {
        throw error;
      }
      throw new ActorModelError(error);
    }
    await context.emit(llmUsageEvent('actor', response.usage, this.options.now() - started, this.options.task.id));
    return response;
  }

  /** An answer without a tool call: a JSON report, or plain text taken as the summary. */
  private finalMessage(content: string, step: number): ActorReport {
    const report = parseFinalMessage(content);
    if (!report) return this.findings.report('failed', 'The actor ended without a report.', step, 'no-answer');
    return this.findings.fromModel(report, step);
  }

  private stepLimitReport(): ActorReport {
    const last = this.findings.lastFailure();
    return this.findings.report(
      'failed',
      `Stopped after ${this.options.maxSteps} steps without a finish report${last ? ` (last error: ${last})` : ''}.`,
      this.options.maxSteps,
      'max-steps',
    );
  }
}
