import type { ActorFactory } from '../actors/actor-factory';
import type { ActorReport } from '../actors/actor-report';
import type { DynamicActor } from '../actors/dynamic-actor';
import type { ProgressManager } from '../progress/progress-manager';
import type { TaskNode } from '../progress/task-node';
import type { RunEventInput } from '../protocol/run-events';
import { knowledgeFor } from './task-knowledge';

export interface TaskResult {
  task: TaskNode;
  report: ActorReport;
}

export interface TaskRunnerOptions {
  progress: ProgressManager;
  factory: ActorFactory;
  workspaceRoot: string;
  signal: AbortSignal;
  emit(event: RunEventInput): Promise<void>;
  /** Called after each finished task (the run reports the outcome to the optimizer). */
  onTaskEnd(task: TaskNode, actor: DynamicActor, report: ActorReport): Promise<void>;
}

/**
 * Runs the planner's chosen tasks: one actor per task, in parallel, keeping the checklist and the
 * task-start / progress-update / task-end events in step with what each actor does.
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
    const { progress, signal, emit } = this.options;
    const task = progress.getTask(taskId);
    if (!task) return undefined;
    progress.markInProgress(taskId);
    await this.options.factory.prepare(task, signal);
    const actor = this.options.factory.create(task, knowledgeFor(progress, task));
    await emit({
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
        workspaceRoot: this.options.workspaceRoot,
        signal,
        emit: (event) => emit(event),
        reportProgress: (status, message) => {
          progress.recordProgress(taskId, status, message);
          void emit({ type: 'progress-update', taskId, status, message });
        },
      });
    } catch (error) {
      // Cancelled, or an error that ends the run (a model configuration error): the task ends failed first.
      const summary = signal.aborted ? 'cancelled' : error instanceof Error ? error.message : String(error);
      progress.markFailed(taskId, summary);
      await emit({ type: 'task-end', taskId, status: 'failed', summary, references: [] });
      throw error;
    }
    if (report.status === 'complete') progress.markComplete(taskId, report.summary, report.references);
    else progress.markFailed(taskId, report.summary);
    await emit({
      type: 'task-end',
      taskId,
      status: report.status,
      summary: report.summary,
      references: report.references,
    });
    await this.options.onTaskEnd(task, actor, report);
    return { task, report };
  }
}
