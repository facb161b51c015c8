import { ActorFactory } from '../actors/actor-factory';
import { Judge, type Judgement } from '../judge/judge';
import { composeAnswerFromResults } from '../planner/compose-answer';
import { DynamicPlanner, type PlanDecision } from '../planner/dynamic-planner';
import { StallDetector } from '../planner/stall-detector';
import { ProgressManager } from '../progress/progress-manager';
import { llmUsageEvent } from '../protocol/llm-usage-event';
import type { ActivePrompt, PromptComponent } from '../protocol/prompt-optimizer';
import type { FinalRunStatus, RunEventInput, WorkflowReport } from '../protocol/run-events';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import { activePrompt } from './active-prompt';
import type { AIMEWorkflowDependencies } from './aime-workflow-dependencies';
import { judgeRun } from './judge-run';
import { checklistState, replanReasonAfterBatch } from './replan-reason';
import { RunEventEmitter } from './run-event-emitter';
import { RunJudging } from './run-judging';
import { DEFAULT_STOP_CONDITIONS, firstStop, type StopCondition } from './stop-conditions';
import { TaskRunner } from './task-runner';
import { UsageTracker } from './usage-tracker';
import type { WorkflowLimits } from './workflow-limits';
import type { WorkflowRunOptions } from './workflow-run-options';

/** One execution of the AIME loop for one goal (state that lives exactly as long as the run). */
export class WorkflowRun {
  private readonly dependencies: AIMEWorkflowDependencies;
  private readonly goal: string;
  private readonly limits: WorkflowLimits;
  private readonly now: () => number;
  private readonly emitter: RunEventEmitter;
  private readonly usage = new UsageTracker();
  private readonly progress: ProgressManager;
  private readonly planner: DynamicPlanner;
  private readonly tasks: TaskRunner;
  private readonly stopWhen: StopCondition[];
  private readonly judging: RunJudging;
  /** The caller's signal (cancellation); a run without one cannot be cancelled. */
  readonly signal: AbortSignal;
  private decision: PlanDecision | undefined;
  private iterations = 0;
  private replans = 0;
  /** MCP bundles whose server could not start at the beginning of the run, with the reason. */
  private unavailableBundles = new Map<string, string>();

  constructor(
    dependencies: AIMEWorkflowDependencies,
    goal: string,
    options: WorkflowRunOptions,
    limits: WorkflowLimits,
  ) {
    this.dependencies = dependencies;
    this.goal = goal;
    this.limits = limits;
    this.now = dependencies.now ?? Date.now;
    this.signal = options.signal ?? new AbortController().signal;
    this.emitter = new RunEventEmitter(options.runId ?? crypto.randomUUID(), options.onEvent, this.now);
    this.progress = new ProgressManager(goal);
    // The caller's conditions first; the default limits always follow, so every run ends.
    this.stopWhen = [...new Set([...(dependencies.stopWhen ?? []), ...DEFAULT_STOP_CONDITIONS])];
    this.judging = new RunJudging({
      judge: dependencies.judge ?? new Judge({ mode: 'off' }),
      goal,
      runId: this.emitter.runId,
      workspaceRoot: dependencies.workspaceRoot,
      signal: this.signal,
      progress: this.progress,
      optimizer: dependencies.optimizer,
      emit: (event) => this.emit(event),
    });
    this.planner = new DynamicPlanner({
      model: dependencies.model,
      progress: this.progress,
      prompt: () => this.activePrompt('planner'),
      maxIterations: limits.maxIterations,
      bundles: () => this.bundleTools(),
      mcpBundles: Object.entries(dependencies.config.toolBundles)
        .filter(([, bundle]) => bundle.mcp)
        .map(([name]) => name),
      bundleDescriptions: Object.fromEntries(
        Object.entries(dependencies.config.toolBundles)
          .filter(([, bundle]) => bundle.description)
          .map(([name, bundle]) => [name, bundle.description]),
      ),
      now: this.now,
      onUsage: (usage, ms) => this.emit(llmUsageEvent('planner', usage, ms)),
    });
    this.tasks = new TaskRunner({
      progress: this.progress,
      factory: new ActorFactory({
        config: dependencies.config,
        model: dependencies.model,
        tools: dependencies.tools ?? createBuiltinRegistry(),
        workspaceRoot: dependencies.workspaceRoot,
        goal,
        prompt: () => this.activePrompt('actor'),
        maxSteps: limits.maxActorSteps,
        toolTimeoutMs: limits.toolTimeoutMs,
        loopLimit: limits.loopLimit,
        now: this.now,
      }),
      workspaceRoot: dependencies.workspaceRoot,
      signal: this.signal,
      emit: (event) => this.emit(event),
      judge: (task, actor, report, knowledge) => this.judging.judgeAttempt(task, actor, report, knowledge),
      ...(dependencies.approval && dependencies.approval.mode !== 'off'
        ? {
            approvals: {
              mode: dependencies.approval.mode,
              timeoutMs: dependencies.approval.timeoutSeconds * 1000,
              ...(options.approvals ? { gate: options.approvals } : {}),
            },
          }
        : {}),
    });
  }

  /** Starts the MCP servers on first use (shared by later runs) so the planner sees their tools; failures are shown to it. */
  private async startToolServers(): Promise<void> {
    const failures = (await this.dependencies.tools?.prepareBundles(undefined, this.signal)) ?? [];
    this.signal.throwIfAborted();
    this.unavailableBundles = new Map(failures.map((failure) => [failure.bundle, failure.error]));
  }

  /** Bundle name → tool names for the planner; an MCP bundle lists what its server offers (`<bundle>__<tool>`). */
  private bundleTools(): Record<string, string[]> {
    return Object.fromEntries(
      Object.entries(this.dependencies.config.toolBundles).map(([name, bundle]) => [
        name,
        bundle.mcp ? this.mcpToolNames(name) : bundle.tools.map((tool) => tool.name),
      ]),
    );
  }

  private mcpToolNames(bundle: string): string[] {
    const names = (this.dependencies.tools?.bundleProvider(bundle)?.tools() ?? []).map((tool) => tool.name);
    const unavailable = this.unavailableBundles.get(bundle);
    return names.length === 0 && unavailable ? [`(unavailable: ${unavailable})`] : names;
  }

  async execute(): Promise<WorkflowReport> {
    let status: FinalRunStatus;
    let finalAnswer = '';
    let error: string | undefined;
    try {
      await this.emit({
        type: 'run-start',
        goal: this.goal,
        model: this.dependencies.model.modelId,
        maxIterations: this.limits.maxIterations,
        maxParallelActors: this.limits.maxParallelActors,
      });
      const outcome = await this.loop();
      status = outcome.status;
      finalAnswer = outcome.finalAnswer;
      error = outcome.error;
    } catch (caught) {
      if (this.signal.aborted) {
        status = 'cancelled';
        finalAnswer = composeAnswerFromResults(this.progress, 'The run was cancelled. Results so far:');
      } else {
        status = 'failed';
        error = caught instanceof Error ? caught.message : String(caught);
        finalAnswer = composeAnswerFromResults(this.progress, `The run failed: ${error}`);
      }
    }
    let goalVerdict: Judgement | undefined;
    if (status !== 'cancelled') {
      try {
        goalVerdict = await this.judging.judgeGoal(
          { status, finalAnswer, error },
          {
            prompt: this.decision?.prompt ?? this.activePrompt('planner'),
            response: this.decision?.response ?? '',
          },
        );
        if (status === 'completed' && goalVerdict.verdict.verdict === 'fail') {
          status = 'failed';
          error = `The judge failed the final answer: ${goalVerdict.verdict.feedback}`;
        }
      } catch (caught) {
        if (!this.signal.aborted) throw caught;
        status = 'cancelled';
      }
    }
    const report = this.report(status, finalAnswer, error);
    if (goalVerdict) report.verdict = goalVerdict.verdict;
    await this.emit({ type: 'run-end', status, report, ...(error ? { error } : {}) });
    await this.emitter.flush();
    return report;
  }

  private async loop(): Promise<{ status: FinalRunStatus; finalAnswer: string; error?: string }> {
    await this.startToolServers();
    const stall = new StallDetector(this.limits.stallIterations);
    let decision = await this.plan(undefined);
    stall.observe(checklistState(this.progress));
    let replanReason: string | undefined;
    while (!decision.done) {
      const stop = firstStop(this.stopWhen, {
        iterations: this.iterations,
        replans: this.replans,
        replanReason,
        limits: this.limits,
        usage: this.usage.snapshot().total,
      });
      if (stop) {
        return {
          status: stop.status,
          error: stop.error,
          finalAnswer: composeAnswerFromResults(this.progress, stop.heading),
        };
      }
      const batch = decision.next.slice(0, this.limits.maxParallelActors);
      if (batch.length === 0) {
        replanReason = 'none of the tasks named in next can run now; choose ready tasks or finish';
      } else {
        this.iterations += 1;
        await this.refreshPrompts();
        replanReason = replanReasonAfterBatch(await this.tasks.runBatch(batch), stall, this.progress);
      }
      if (replanReason) {
        this.replans += 1;
        if (this.replans > this.limits.maxReplans) continue;
      }
      decision = await this.plan(replanReason);
    }
    return { status: judgeRun(this.progress, this.planner.contingencies), finalAnswer: decision.finalAnswer };
  }

  private async plan(replanReason: string | undefined): Promise<PlanDecision> {
    this.signal.throwIfAborted();
    await this.refreshPrompts();
    const decision = await this.planner.plan({
      iteration: this.iterations,
      signal: this.signal,
      ...(replanReason ? { replanReason } : {}),
    });
    this.decision = decision;
    await this.emit({
      type: 'plan-update',
      iteration: this.iterations,
      tasks: this.progress.flatten(),
      markdown: this.progress.toMarkdown(),
      rationale: decision.rationale,
      ...(decision.fallback ? { fallback: true, reason: decision.reason ?? 'planner output unusable' } : {}),
    });
    return decision;
  }

  /** Read-through: prompts adopted by another process sharing the optimizer apply from the next step on. */
  private async refreshPrompts(): Promise<void> {
    await this.dependencies.optimizer?.refresh?.();
  }

  private activePrompt(component: PromptComponent): ActivePrompt {
    return activePrompt(this.dependencies.optimizer, component);
  }

  private emit(event: RunEventInput): Promise<void> {
    if (event.type === 'llm-usage') this.usage.add(event.role, event);
    this.judging.observe(event);
    return this.emitter.emit(event);
  }

  private report(status: FinalRunStatus, finalAnswer: string, error: string | undefined): WorkflowReport {
    const report: WorkflowReport = {
      goal: this.goal,
      status,
      completed: status === 'completed',
      finalAnswer,
      tasks: this.progress.flatten(),
      markdown: this.progress.toMarkdown(),
      history: this.progress.history.map((change) => ({ ...change })),
      rationale: this.decision?.rationale ?? '',
      usage: this.usage.snapshot(),
      model: this.dependencies.model.modelId,
      iterations: this.iterations,
    };
    if (error) report.error = error;
    return report;
  }
}
