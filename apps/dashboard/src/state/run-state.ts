import type { JudgeVerdict, RunEvent, RunStatus, TaskSnapshot, WorkflowReport } from '@gepa-aime/core';

/** A checklist row as the dashboard shows it: the planner's snapshot plus what the actor reported. */
export interface TaskView extends TaskSnapshot {
  actor?: string;
  tools?: string[];
  references?: string[];
  /** seq of the last event that changed this task; the UI keys its highlight animation on it. */
  updatedSeq: number;
}

export interface RoleUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  calls: number;
  ms: number;
}

/** The events shown in the terminal tail (actor steps and the moments around them). */
export type LogEvent = Extract<
  RunEvent,
  { type: 'actor-step' | 'task-start' | 'task-end' | 'tool-result' | 'progress-update' | 'plan-update' | 'run-end' }
>;

/** An approval request of the run: open while `resolved` is undefined. */
export interface ApprovalView {
  request: Extract<RunEvent, { type: 'approval-requested' }>;
  resolved?: Extract<RunEvent, { type: 'approval-resolved' }>;
}

export interface RunState {
  runId: string;
  /** Highest seq applied; every event up to it has been applied exactly once. */
  lastSeq: number;
  /** Events that arrived ahead of a gap, keyed by seq, applied as soon as the gap fills. */
  pending: Record<number, RunEvent>;
  goal: string;
  model: string;
  status: RunStatus;
  startedAt?: number;
  endedAt?: number;
  iteration: number;
  tasks: TaskView[];
  rationale: string;
  /** Actor and tools per task id, kept across plan updates (a new plan snapshot does not carry them). */
  actors: Record<string, { actor: string; persona: string; tools: string[] }>;
  log: LogEvent[];
  usageByRole: Record<string, RoleUsage>;
  /** Approval requests by tool call id, in the order they were asked. */
  approvals: Record<string, ApprovalView>;
  report?: WorkflowReport;
  /** The judge's verdict on the final answer (from the goal's judge-verdict event). */
  goalVerdict?: JudgeVerdict;
  error?: string;
}

/** Terminal tail length: older entries scroll off like a real terminal's scrollback. */
export const maxLogEntries = 400;

export function createRunState(runId: string): RunState {
  return {
    runId,
    lastSeq: 0,
    pending: {},
    goal: '',
    model: '',
    status: 'queued',
    iteration: 0,
    tasks: [],
    rationale: '',
    actors: {},
    log: [],
    usageByRole: {},
    approvals: {},
  };
}

export function isFinalStatus(status: RunStatus): boolean {
  return status !== 'queued' && status !== 'running' && status !== 'waiting';
}
