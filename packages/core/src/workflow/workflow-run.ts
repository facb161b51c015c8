import { ActorFactory } from '../actors/actor-factory';
import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from '../actors/actor-prompt';
import type { ActorReport } from '../actors/actor-report';
import type { DynamicActor } from '../actors/dynamic-actor';
import type { ActivePrompt, PromptComponent } from '../optimizer/prompt-optimizer';
import { composeAnswerFromResults } from '../planner/compose-answer';
import { DynamicPlanner, type PlanDecision } from '../planner/dynamic-planner';
import { DEFAULT_PLANNER_PROMPT } from '../planner/planner-prompt';
import { StallDetector } from '../planner/stall-detector';
import { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import type { AIMEWorkflowDependencies, WorkflowRunOptions } from './aime-workflow';
import type { FinalRunStatus, RunEventInput, WorkflowReport } from './events';
import { judgeRun } from './judge-run';
import { recordOutcomes } from './record-outcomes';
import { RunEventEmitter } from './run-event-emitter';
import { DEFAULT_STOP_CONDITIONS, firstStop } from './stop-conditions';
import { knowledgeFor } from './task-knowledge';
import { UsageTracker } from './usage-tracker';
import type { WorkflowLimits } from './workflow-limits';

interface TaskResult {
  task: TaskNode;
  report: ActorReport;
}

/** One execution of the AIME loop for one goal (state that lives exactly as long as the run). */
export class WorkflowRun {
  private readonly dependencies: AIMEWorkflowDependencies;
  private readonly goal: string;
  private readonly limits: WorkflowLimits;
  private readonly now: () => number;
  private readonly controller = new AbortController();
  private readonly emitter: RunEventEmitter;
  private readonly usage = new UsageTracker();
  private readonly progress: ProgressManager;
  private readonly planner: DynamicPlanner;
  private readonly factory: ActorFactory;
  private readonly tools: ToolRegistry;
  private readonly externalSignal: AbortSignal | undefined;
  private decision: PlanDecision | undefined;
  private iterations = 0;
  private replans = 0;

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
    this.externalSignal = options.signal;
    this.emitter = new RunEventEmitter(options.runId ?? crypto.randomUUID(), options.onEvent, this.now);
    this.progress = new ProgressManager(goal);
    this.tools = dependencies.tools ?? createBuiltinRegistry();
    this.planner = new DynamicPlanner({
      model: dependencies.model,
      progress: this.progress,
      prompt: () => this.activePrompt('planner'),
      maxIterations: limits.maxIterations,
      bundles: Object.fromEntries(
        Object.entries(dependencies.config.toolBundles).map(([name, bundle]) => [
          name,
          bundle.tools.map((tool) => tool.name),
        ]),
      ),
      now: this.now,
      onUsage: (usage, ms) =>
        this.emit({
          type: 'llm-usage',
          role: 'planner',
          promptTokens: usage.promptTokens,
          completionTokens: usage.completionTokens,
          totalTokens: usage.totalTokens,
          ...(usage.estimated ? { estimated: true } : {}),
          ms,
        }),
    });
    this.factory = new ActorFactory({
      config: dependencies.config,
      model: dependencies.model,
      tools: this.tools,
      workspaceRoot: dependencies.workspaceRoot,
      goal,
      prompt: () => this.activePrompt('actor'),
      maxSteps: limits.maxActorSteps,
      toolTimeoutMs: limits.toolTimeoutMs,
      loopLimit: limits.loopLimit,
      now: this.now,
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  async execute(): Promise<WorkflowReport> {
    const external = this.externalSignal;
    const abort = () => this.controller.abort(external?.reason);
    if (external?.aborted) abort();
    else external?.addEventListener('abort', abort, { once: true });
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
    } finally {
      external?.removeEventListener('abort', abort);
    }
    const report = this.report(status, finalAnswer, error);
    await this.emit({ type: 'run-end', status, report, ...(error ? { error } : {}) });
    await this.emitter.flush();
    return report;
  }

  private async loop(): Promise<{ status: FinalRunStatus; finalAnswer: string; error?: string }> {
    const stall = new StallDetector(this.limits.stallIterations);
    let decision = await this.plan(undefined);
    stall.observe(this.checklistState());
    let replanReason: string | undefined;
    while (!decision.done) {
      const stop = firstStop(DEFAULT_STOP_CONDITIONS, {
        iterations: this.iterations,
        replans: this.replans,
        replanReason,
        limits: this.limits,
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
        replanReason = this.replanReason(await this.runBatch(batch), stall);
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

  private async runBatch(taskIds: string[]): Promise<TaskResult[]> {
    const settled = await Promise.allSettled(taskIds.map((id) => this.runTask(id)));
    this.signal.throwIfAborted();
    const results: TaskResult[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'rejected') throw outcome.reason;
      if (outcome.value) results.push(outcome.value);
    }
    return results;
  }

  private async runTask(taskId: string): Promise<TaskResult | undefined> {
    const task = this.progress.getTask(taskId);
    if (!task) return undefined;
    this.progress.markInProgress(taskId);
    const actor = this.factory.create(task, knowledgeFor(this.progress, task));
    await this.emit({
      type: 'task-start',
      taskId,
      title: task.title,
      actor: actor.name,
      persona: actor.options.persona,
      tools: actor.toolNames,
    });
    let report: ActorReport;
    try {
      report = await actor.run({
        workspaceRoot: this.dependencies.workspaceRoot,
        signal: this.signal,
        emit: (event) => this.emit(event),
        reportProgress: (status, message) => {
          this.progress.recordProgress(taskId, status, message);
          void this.emit({ type: 'progress-update', taskId, status, message });
        },
      });
    } catch (error) {
      if (!this.signal.aborted) throw error;
      this.progress.markFailed(taskId, 'cancelled');
      await this.emit({ type: 'task-end', taskId, status: 'failed', summary: 'cancelled', references: [] });
      throw error;
    }
    if (report.status === 'complete') this.progress.markComplete(taskId, report.summary, report.references);
    else this.progress.markFailed(taskId, report.summary);
    await this.emit({
      type: 'task-end',
      taskId,
      status: report.status,
      summary: report.summary,
      references: report.references,
    });
    await this.recordOutcome(task, actor, report);
    return { task, report };
  }

  private replanReason(results: TaskResult[], stall: StallDetector): string | undefined {
    const reasons = results
      .filter((result) => result.report.status === 'failed')
      .map(({ task, report }) => {
        const how = report.stopReason === 'loop' ? 'was stopped by loop detection' : 'failed';
        return `task ${task.id} ("${task.title}") ${how}: ${report.summary}`;
      });
    if (stall.observe(this.checklistState())) {
      reasons.push(`no progress for ${this.limits.stallIterations} iterations (the checklist did not change)`);
      stall.reset();
    }
    return reasons.length > 0 ? reasons.join('; ') : undefined;
  }

  private checklistState(): string {
    return JSON.stringify(this.progress.flatten().map((task) => [task.id, task.status, task.summary ?? '']));
  }

  private async recordOutcome(task: TaskNode, actor: DynamicActor, report: ActorReport): Promise<void> {
    const optimizer = this.dependencies.optimizer;
    if (!optimizer) return;
    await recordOutcomes({
      optimizer,
      runId: this.emitter.runId,
      goal: this.goal,
      task,
      report,
      prompts: [
        {
          component: 'planner',
          prompt: this.decision?.prompt ?? this.activePrompt('planner'),
          response: this.decision?.response ?? '',
        },
        { component: 'actor', prompt: actor.options.prompt, response: report.summary },
      ],
      signal: this.signal,
      emit: (event) => this.emit(event),
    });
  }

  private activePrompt(component: PromptComponent): ActivePrompt {
    const fromOptimizer = this.dependencies.optimizer?.currentPrompt(component);
    if (fromOptimizer?.text) return fromOptimizer;
    // No evolved text yet: the default prompt, under the optimizer's id for it when there is one.
    return {
      component,
      candidateId: fromOptimizer?.candidateId || 'default',
      text: component === 'planner' ? DEFAULT_PLANNER_PROMPT : DEFAULT_ACTOR_PROMPT_TEMPLATE,
    };
  }

  private emit(event: RunEventInput): Promise<void> {
    if (event.type === 'llm-usage') this.usage.add(event.role, event);
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
