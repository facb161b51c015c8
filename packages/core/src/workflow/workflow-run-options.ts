import type { RunEvent } from '../protocol/run-events';
import type { ApprovalGate } from '../tools/approval/approval-gate';

/** Per-run options of AIMEWorkflow.run: id, cancellation, limit overrides and the event sink. */
export interface WorkflowRunOptions {
  runId?: string;
  signal?: AbortSignal;
  maxIterations?: number;
  maxParallelActors?: number;
  onEvent?: (event: RunEvent) => void | Promise<void>;
  /** Who answers approval requests of this run (without one, calls that need approval are denied). */
  approvals?: ApprovalGate;
}
