import type { ApprovalAnswers } from '../approvals/approval-answers';
import type { RunCoordinator } from './run-coordinator';
import type { RunStore } from './run-store';

export interface DatabaseHealth {
  ok: boolean;
  detail: string;
}

/** Where runs live and who executes them: the embedded files + RunManager, or PostgreSQL + workers. */
export interface RunBackend {
  store: RunStore;
  manager: RunCoordinator;
  /** Where operators' approval answers go when the runs' gates are not this process's broker (scale-out). */
  approvals?: ApprovalAnswers;
  /** Scale-out mode: is the database reachable? (`/health`, `/ready`) */
  checkDatabase?(signal: AbortSignal): Promise<DatabaseHealth>;
  /** After the runs stopped: release files, connections, the queue. */
  close(): Promise<void>;
}
