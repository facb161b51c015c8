import type { ActorFactory, ActorKnowledge } from '../actors/actor-factory';
import type { ActorReport } from '../actors/actor-report';
import type { ApprovalSetup } from '../actors/approval-setup';
import type { DynamicActor } from '../actors/dynamic-actor';
import type { Judgement } from '../judge/judge';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';
import type { RunEventInput } from '../protocol/run-events';
import { knowledgeFor } from './task-knowledge';

export interface TaskResult {
  task: TaskNode;
  /** The report as the judge left it: a claimed success the judge failed is `failed` with its feedback. */
  report: ActorReport;
  judgement: Judgement;
}

export interface TaskRunnerOptions {
  progress: ProgressManager;
  factory: ActorFactory;
  workspaceRoot: string;
  signal: AbortSignal;
  emit(event: RunEventInput): Promise<void>;
  /** Judges one actor attempt (the run emits the verdict and reports the outcome to the optimizer). */
  judge(task: TaskNode, actor: DynamicActor, report: ActorReport, knowledge: ActorKnowledge): Promise<Judgement>;
  /** Human approval of risky tool calls for this run. */
  approvals?: ApprovalSetup;
}

/** Attempts per task: a `partial` verdict earns one retry with the judge's feedback. */
const MAX_ATTEMPTS = 2;
const MAX_CLAIM_CHARS = 300;

/**
 * Runs the planner's chosen tasks: one actor per task, in parallel, keeping the checklist and the
 * task-start / progress-update / task-end events in step with what each actor does. The judge's
 * verdict, not the actor's claim, decides a task's status.
 */
export class TaskRunner {
  private readonly options: TaskRunnerOptions;

  constructor(options: TaskRunnerOptions) {
    this.options = options;
  }

  /** Runs the tasks side by side; unknown ids are skipped; a failure other than a failed report aborts the batch. */
  async runBatch(taskIds: string[]): Promise<TaskResult[]> {
    const settled = await Promise.allSettled(taskIds.map((id) => this.runTask(id)));
    this.options.signal.throwIfAborted();
    const results: TaskResult[] = [];
    for (const outcome of settled) {
      if (outcome.status === 'rejected') throw outcome.reason;
      if (outcome.value) results.push(outcome.value);
    }
    return results;
  }

  private async runTask(taskId: string): Promise<TaskResult | undefined> {
    const task = this.options.progress.getTask(taskId);
    if (!task) return undefined;
    this.options.progress.markInProgress(taskId);
    try {
      return await this.attempt(task);
    } catch (error) {
      // Cancelled while preparing, running or being judged: the task ends cancelled (not judged,
      // not scored); an error that ends the run (a model configuration error) ends it failed first.
      if (this.options.signal.aborted) await this.endCancelled(task);
      else if (task.status === 'in_progress') await this.endFailed(task, error);
      throw error;
    }
  }

  private async endCancelled(task: TaskNode): Promise<void> {
    if (task.status !== 'in_progress') return;
    const summary = 'the run was cancelled while this task ran';
    this.options.progress.markCancelled(task.id, summary);
    await this.options.emit({ type: 'task-end', taskId: task.id, status: 'cancelled', summary, references: [] });
  }

  private async endFailed(task: TaskNode, error: unknown): Promise<void> {
    const summary = error instanceof Error ? error.message : String(error);
    this.options.progress.markFailed(task.id, summary);
    await this.options.emit({ type: 'task-end', taskId: task.id, status: 'failed', summary, references: [] });
  }

  private async attempt(task: TaskNode): Promise<TaskResult> {
    const { progress, emit } = this.options;
    const taskId = task.id;
    await this.options.factory.prepare(task, this.options.signal);
    let judgeFeedback: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const knowledge = { ...knowledgeFor(progress, task), ...(judgeFeedback ? { judgeFeedback } : {}) };
      const actor = this.options.factory.create(task, knowledge);
      const report = await this.runActor(task, actor);
      const judgement = await this.options.judge(task, actor, report, knowledge);
      const { verdict } = judgement.verdict;
      if (verdict === 'partial' && report.status === 'complete' && attempt < MAX_ATTEMPTS) {
        judgeFeedback = judgement.verdict.feedback;
        const message = `The judge found the result partial; retrying once with its feedback: ${judgeFeedback}`;
        progress.recordProgress(taskId, 'in_progress', message);
        await emit({ type: 'progress-update', taskId, status: 'in_progress', message });
        continue;
      }
      const judged = judgedReport(report, judgement);
      if (judged.status === 'complete') progress.markComplete(taskId, judged.summary, judged.references);
      else progress.markFailed(taskId, judged.summary);
      progress.recordVerdict(taskId, judgement.verdict, report.status);
      await emit({
        type: 'task-end',
        taskId,
        status: judged.status,
        summary: judged.summary,
        references: judged.references,
      });
      return { task, report: judged, judgement };
    }
  }

  private async runActor(task: TaskNode, actor: DynamicActor): Promise<ActorReport> {
    const { progress, signal, emit } = this.options;
    await emit({
      type: 'task-start',
      taskId: task.id,
      title: task.title,
      actor: actor.name,
      persona: actor.options.persona,
      tools: actor.toolNames,
    });
    return actor.run({
      workspaceRoot: this.options.workspaceRoot,
      signal,
      ...(this.options.approvals ? { approvals: this.options.approvals } : {}),
      emit: (event) => emit(event),
      reportProgress: (status, message) => {
        progress.recordProgress(task.id, status, message);
        void emit({ type: 'progress-update', taskId: task.id, status, message });
      },
    });
  }
}

/**
 * The report the checklist keeps: a claimed success the judge failed becomes a failure whose result
 * is the judge's feedback (so the planner sees why and plans a contingency); otherwise the actor's.
 */
function judgedReport(report: ActorReport, judgement: Judgement): ActorReport {
  if (report.status !== 'complete' || judgement.verdict.verdict !== 'fail') return report;
  const claim =
    report.summary.length > MAX_CLAIM_CHARS ? `${report.summary.slice(0, MAX_CLAIM_CHARS)}…` : report.summary;
  return {
    ...report,
    status: 'failed',
    summary: `The judge failed this result: ${judgement.verdict.feedback} (The actor had reported: ${claim})`,
  };
}
