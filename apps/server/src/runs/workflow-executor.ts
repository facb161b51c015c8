import type { AIMEWorkflow } from '@gepa-aime/core';
import type { RunExecutor } from './run-executor';

/** Runs each goal through the AIME workflow (one WorkflowRun per call, so runs may overlap). */
export function createWorkflowExecutor(workflow: AIMEWorkflow): RunExecutor {
  return (request, execution) =>
    workflow.run(request.goal, {
      runId: request.runId,
      signal: execution.signal,
      ...(request.maxIterations !== undefined ? { maxIterations: request.maxIterations } : {}),
      ...(request.maxParallelActors !== undefined ? { maxParallelActors: request.maxParallelActors } : {}),
      onEvent: execution.onEvent,
      ...(execution.approvals ? { approvals: execution.approvals } : {}),
    });
}
