import type { RunEvent, WorkflowReport } from '../protocol/run-events';
import type { AIMEWorkflowDependencies } from './aime-workflow-dependencies';
import { EventQueue } from './event-queue';
import { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from './workflow-limits';
import { WorkflowRun } from './workflow-run';
import type { WorkflowRunOptions } from './workflow-run-options';

/**
 * The AIME loop (the seed's AIMEWorkflow): planner → actor factory → ReAct actors → progress
 * manager, repeated until the planner declares the goal done or a limit stops it. `run` never
 * rejects for model or tool faults or cancellation: it ends with a `run-end` event and returns the
 * report whose status says what happened.
 */
export class AIMEWorkflow {
  readonly dependencies: AIMEWorkflowDependencies;

  constructor(dependencies: AIMEWorkflowDependencies) {
    this.dependencies = dependencies;
  }

  run(goal: string, options: WorkflowRunOptions = {}): Promise<WorkflowReport> {
    const limits: WorkflowLimits = { ...DEFAULT_WORKFLOW_LIMITS, ...this.dependencies.limits };
    if (options.maxIterations !== undefined) limits.maxIterations = options.maxIterations;
    if (options.maxParallelActors !== undefined) limits.maxParallelActors = options.maxParallelActors;
    // At least one iteration and one actor: a zero or fractional limit would only stall the run.
    limits.maxIterations = Math.max(1, Math.floor(limits.maxIterations));
    limits.maxParallelActors = Math.max(1, Math.floor(limits.maxParallelActors));
    return new WorkflowRun(this.dependencies, goal, options, limits).execute();
  }

  /** The same run as an async iterable of events (ending with `run-end`); leaving the loop early cancels the run. */
  stream(goal: string, options: Omit<WorkflowRunOptions, 'onEvent'> = {}): AsyncIterable<RunEvent> {
    const workflow = this;
    return {
      [Symbol.asyncIterator]() {
        const queue = new EventQueue<RunEvent>();
        const controller = new AbortController();
        const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
        const finished = workflow
          .run(goal, { ...options, signal, onEvent: (event) => queue.push(event) })
          .finally(() => queue.close());
        const iterator = queue[Symbol.asyncIterator]();
        return {
          next: () => iterator.next(),
          async return() {
            controller.abort(new Error('The event stream was closed'));
            await finished.catch(() => undefined);
            return { value: undefined, done: true };
          },
        };
      },
    };
  }
}
