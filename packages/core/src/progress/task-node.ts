import type { VerdictSummary } from '../protocol/judge-verdict';
import type { TaskStatus } from '../protocol/task-status';

/** One item of the hierarchical checklist. A task with children is a parent; its status is derived. */
export interface TaskNode {
  id: string;
  title: string;
  status: TaskStatus;
  completionCriteria?: string;
  /** Ids of tasks that must be complete before this one may start. */
  dependsOn: string[];
  persona?: string;
  bundles?: string[];
  notes: string[];
  /** Result summary (complete), failure reason (failed) or why it was cut short (cancelled). */
  summary?: string;
  /** Workspace-relative paths or URLs the result is based on. */
  references: string[];
  /** Last message reported through `update_progress`. */
  lastProgress?: string;
  /** The judge's verdict on the result, and what the actor had claimed. */
  verdict?: VerdictSummary;
  claimedStatus?: 'complete' | 'failed';
  children: TaskNode[];
}

/** What planners and callers provide; missing ids are assigned hierarchically ("1", "1.2", …). */
export interface TaskInput {
  id?: string;
  title: string;
  completionCriteria?: string;
  dependsOn?: string[];
  persona?: string;
  bundles?: string[];
  status?: TaskStatus;
  children?: TaskInput[];
}

export interface StatusChange {
  ts: number;
  taskId: string;
  status: TaskStatus;
  message?: string;
}
