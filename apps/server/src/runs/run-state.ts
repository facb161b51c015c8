import {
  type FinalRunStatus,
  finalRunStatusSchema,
  type RunEvent,
  type RunStatus,
  type TaskSnapshot,
  type WorkflowReport,
} from '@gepa-aime/core';
import { isRunQueuedRecord, type RunLogRecord } from './run-log-record';

type TokenUsage = WorkflowReport['usage']['total'];

/** Everything the API says about a run, folded from its log records (see `applyRunRecord`). */
export interface RunState {
  id: string;
  goal: string;
  status: RunStatus;
  createdAt: number;
  startedAt: number | null;
  endedAt: number | null;
  updatedAt: number;
  model: string | null;
  maxIterations: number | null;
  maxParallelActors: number | null;
  /** Highest event seq in the log (0 when only the queued record exists). */
  lastSeq: number;
  iteration: number;
  tasks: TaskSnapshot[];
  markdown: string;
  rationale: string;
  usage: TokenUsage;
  usageByRole: Record<string, TokenUsage>;
  finalAnswer: string | null;
  report: WorkflowReport | null;
  error: string | null;
  /** Approval requests by tool call id (an open one has no `decision`). */
  approvals: ApprovalState[];
}

export interface ApprovalState {
  toolCallId: string;
  taskId: string;
  tool: string;
  args: unknown;
  reason: string;
  requestedAt: number;
  expiresAt: number;
  diff?: string;
  decision?: 'approve' | 'deny';
  note?: string;
  by?: 'operator' | 'expiry' | 'auto';
}

const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(finalRunStatusSchema.options);

export function isFinalStatus(status: RunStatus): boolean {
  return FINAL_STATUSES.has(status);
}

export function createRunState(runId: string, goal: string, ts: number): RunState {
  return {
    approvals: [],
    id: runId,
    goal,
    status: 'queued',
    createdAt: ts,
    startedAt: null,
    endedAt: null,
    updatedAt: ts,
    model: null,
    maxIterations: null,
    maxParallelActors: null,
    lastSeq: 0,
    iteration: 0,
    tasks: [],
    markdown: '',
    rationale: '',
    usage: { promptTokens: 0, completionTokens: 0, totalTokens: 0 },
    usageByRole: {},
    finalAnswer: null,
    report: null,
    error: null,
  };
}

/** Folds one log record into the run state (mutates and returns it). */
export function applyRunRecord(state: RunState | undefined, record: RunLogRecord): RunState {
  if (isRunQueuedRecord(record)) {
    const queued = state ?? createRunState(record.runId, record.goal, record.ts);
    queued.goal = record.goal;
    queued.createdAt = record.ts;
    queued.maxIterations = record.maxIterations ?? queued.maxIterations;
    queued.maxParallelActors = record.maxParallelActors ?? queued.maxParallelActors;
    return queued;
  }
  const run = state ?? createRunState(record.runId, record.type === 'run-start' ? record.goal : '', record.ts);
  run.lastSeq = Math.max(run.lastSeq, record.seq);
  run.updatedAt = record.ts;
  applyEvent(run, record);
  return run;
}

function applyEvent(run: RunState, event: RunEvent): void {
  switch (event.type) {
    case 'run-start':
      run.goal = event.goal;
      run.model = event.model;
      run.maxIterations = event.maxIterations;
      run.maxParallelActors = event.maxParallelActors;
      run.startedAt = event.ts;
      if (!isFinalStatus(run.status)) run.status = 'running';
      else if ((event.attempt ?? 1) > 1) reopenForAttempt(run);
      return;
    case 'plan-update':
      run.iteration = event.iteration;
      run.tasks = event.tasks.map((task) => ({ ...task }));
      run.markdown = event.markdown;
      run.rationale = event.rationale;
      return;
    case 'task-start':
      patchTask(run, event.taskId, { status: 'in_progress', persona: event.persona });
      return;
    case 'progress-update':
      patchTask(run, event.taskId, { status: event.status, lastProgress: event.message });
      return;
    case 'task-end':
      patchTask(run, event.taskId, { status: event.status, summary: event.summary });
      return;
    case 'llm-usage':
      run.usage.promptTokens += event.promptTokens;
      run.usage.completionTokens += event.completionTokens;
      run.usage.totalTokens += event.totalTokens;
      addUsage(run.usageByRole, event.role, event);
      return;
    case 'approval-requested':
      run.approvals.push({
        toolCallId: event.toolCallId,
        taskId: event.taskId,
        tool: event.tool,
        args: event.args,
        reason: event.reason,
        requestedAt: event.ts,
        expiresAt: event.expiresAt,
        ...(event.diff !== undefined ? { diff: event.diff } : {}),
      });
      if (!isFinalStatus(run.status)) run.status = 'waiting';
      return;
    case 'approval-resolved': {
      const approval = run.approvals.find((candidate) => candidate.toolCallId === event.toolCallId);
      if (approval)
        Object.assign(approval, {
          decision: event.decision,
          by: event.by,
          ...(event.note ? { note: event.note } : {}),
        });
      if (run.status === 'waiting' && run.approvals.every((candidate) => candidate.decision !== undefined)) {
        run.status = 'running';
      }
      return;
    }
    case 'run-end':
      run.status = event.status;
      run.endedAt = event.ts;
      run.error = event.error ?? event.report?.error ?? null;
      if (event.report) {
        run.report = event.report;
        run.finalAnswer = event.report.finalAnswer;
        run.tasks = event.report.tasks.map((task) => ({ ...task }));
        run.markdown = event.report.markdown;
        run.rationale = event.report.rationale;
        run.iteration = event.report.iterations;
        run.model = event.report.model;
        run.usage = { ...event.report.usage.total };
        run.usageByRole = structuredClone(event.report.usage.byRole);
      }
      return;
    default:
      return;
  }
}

/** A retried run (scale-out mode: its worker died) starts over: the interrupted attempt's ending no longer holds. */
function reopenForAttempt(run: RunState): void {
  run.status = 'running';
  run.endedAt = null;
  run.report = null;
  run.finalAnswer = null;
  run.error = null;
}

function patchTask(run: RunState, taskId: string, patch: Partial<TaskSnapshot>): void {
  const task = run.tasks.find((candidate) => candidate.id === taskId);
  if (task) Object.assign(task, patch);
}

function addUsage(byRole: Record<string, TokenUsage>, role: string, usage: TokenUsage): void {
  const total = byRole[role] ?? { promptTokens: 0, completionTokens: 0, totalTokens: 0 };
  total.promptTokens += usage.promptTokens;
  total.completionTokens += usage.completionTokens;
  total.totalTokens += usage.totalTokens;
  byRole[role] = total;
}

/** The report recorded for a run the server ended itself (interrupted, or an executor that gave none). */
export function reportFromState(run: RunState, status: FinalRunStatus, error: string): WorkflowReport {
  return {
    goal: run.goal,
    status,
    completed: false,
    finalAnswer: run.finalAnswer ?? '',
    tasks: run.tasks,
    markdown: run.markdown,
    history: [],
    rationale: run.rationale,
    usage: { total: { ...run.usage }, byRole: structuredClone(run.usageByRole) },
    model: run.model ?? 'unknown',
    iterations: run.iteration,
    error,
  };
}

/** The `run-end` the service writes itself after the run's last event (scale-out: with the attempt). */
export function runEndFromState(run: RunState, status: FinalRunStatus, error: string, attempt?: number): RunEvent {
  return {
    type: 'run-end',
    runId: run.id,
    seq: run.lastSeq + 1,
    ts: Date.now(),
    ...(attempt !== undefined ? { attempt } : {}),
    status,
    error,
    report: reportFromState(run, status, error),
  };
}
