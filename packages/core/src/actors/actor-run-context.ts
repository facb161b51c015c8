import type { RunEventInput } from '../protocol/run-events';
import type { TaskStatus } from '../protocol/task-status';
import type { ApprovalSetup } from './approval-setup';

/** What an actor's run gets from the workflow: the workspace, cancellation, and where its events and progress go. */
export interface ActorRunContext {
  workspaceRoot: string;
  signal: AbortSignal;
  emit(event: RunEventInput): void | Promise<void>;
  reportProgress(status: TaskStatus, message: string): void;
  /** Human approval of risky tool calls (absent: no call asks). */
  approvals?: ApprovalSetup;
}
