import type { ApprovalGate, RunEvent, WorkflowReport } from '@gepa-aime/core';

export interface RunRequest {
  runId: string;
  goal: string;
  maxIterations?: number;
  maxParallelActors?: number;
}

export interface RunExecution {
  signal: AbortSignal;
  /** Called for every event in seq order; the returned promise resolves once the event is logged. */
  onEvent: (event: RunEvent) => Promise<void>;
  /** Where the run's approval requests wait for an operator (absent: they are denied). */
  approvals?: ApprovalGate;
}

/**
 * Executes one run. The production executor drives `AIMEWorkflow.run`; the contract is the
 * workflow's: emit events with contiguous seqs from 1, end with `run-end`, resolve with the report.
 * If it throws or ends without `run-end`, the run manager records one.
 */
export type RunExecutor = (request: RunRequest, execution: RunExecution) => Promise<WorkflowReport | undefined>;
