import type { RunEvent, TaskSnapshot } from '@gepa-aime/core';
import { deriveParentStatuses } from './derive-parent-status';
import { createRunState, type LogEvent, maxLogEntries, type RunState, type TaskView } from './run-state';

/**
 * Folds one event into a run's state. Exactly-once and in order, whatever the transport does:
 * - a duplicate (seq already applied or already buffered) returns the same state object;
 * - an event ahead of a gap is buffered in `pending` and applied when the missing seqs arrive;
 * - events of another run are ignored.
 * The socket client resumes from `lastSeq`, so the server's replay fills any gap.
 */
export function reduceRunEvent(state: RunState, event: RunEvent): RunState {
  if (event.runId !== state.runId) return state;
  if (event.seq <= state.lastSeq || state.pending[event.seq]) return state;
  if (event.seq > state.lastSeq + 1) return { ...state, pending: { ...state.pending, [event.seq]: event } };
  let next = applyInOrder(state, event);
  let following = next.pending[next.lastSeq + 1];
  while (following) {
    const { [following.seq]: _applied, ...rest } = next.pending;
    next = applyInOrder({ ...next, pending: rest }, following);
    following = next.pending[next.lastSeq + 1];
  }
  return next;
}

export function reduceRunEvents(events: readonly RunEvent[], state?: RunState): RunState {
  const runId = state?.runId ?? events[0]?.runId ?? '';
  return events.reduce(reduceRunEvent, state ?? createRunState(runId));
}

/**
 * Gives up on missing seqs the server's log does not have either (after a REST fetch came back
 * without them): applies the buffered events from the lowest one on, so the run does not freeze.
 */
export function skipGap(state: RunState): RunState {
  const buffered = Object.keys(state.pending).map(Number);
  if (buffered.length === 0) return state;
  const lowest = Math.min(...buffered);
  const { [lowest]: first, ...rest } = state.pending;
  if (!first) return state;
  return reduceRunEvent({ ...state, pending: rest, lastSeq: lowest - 1 }, first);
}

/** Seqs still missing below the highest buffered event (empty when the state is contiguous). */
export function missingSeqs(state: RunState): number[] {
  const buffered = Object.keys(state.pending).map(Number);
  if (buffered.length === 0) return [];
  const highest = Math.max(...buffered);
  const missing: number[] = [];
  for (let seq = state.lastSeq + 1; seq < highest; seq++) if (!state.pending[seq]) missing.push(seq);
  return missing;
}

function updateTask(state: RunState, taskId: string, seq: number, change: Partial<TaskView>): TaskView[] {
  if (!state.tasks.some((task) => task.id === taskId)) return state.tasks;
  const tasks = state.tasks.map((task) => (task.id === taskId ? { ...task, ...change, updatedSeq: seq } : task));
  return deriveParentStatuses(tasks);
}

function appendLog(log: LogEvent[], event: LogEvent): LogEvent[] {
  const next = log.length >= maxLogEntries ? log.slice(log.length - maxLogEntries + 1) : log.slice();
  next.push(event);
  return next;
}

function applyInOrder(previous: RunState, event: RunEvent): RunState {
  const state: RunState = { ...previous, lastSeq: event.seq };
  switch (event.type) {
    case 'run-start':
      return {
        ...state,
        goal: event.goal,
        model: event.model,
        status: 'running',
        startedAt: event.ts,
      };
    case 'plan-update':
      return {
        ...state,
        iteration: event.iteration,
        rationale: event.rationale,
        tasks: mergeSnapshots(state, event.tasks, event.seq),
        log: appendLog(state.log, event),
      };
    case 'task-start':
      return {
        ...state,
        actors: { ...state.actors, [event.taskId]: { actor: event.actor, persona: event.persona, tools: event.tools } },
        tasks: updateTask(state, event.taskId, event.seq, {
          status: 'in_progress',
          actor: event.actor,
          persona: event.persona,
          tools: event.tools,
        }),
        log: appendLog(state.log, event),
      };
    case 'actor-step':
      return { ...state, log: appendLog(state.log, event) };
    case 'tool-result':
      // a successful result is already the step's observation; only failures add a line
      return event.ok ? state : { ...state, log: appendLog(state.log, event) };
    case 'progress-update':
      return {
        ...state,
        tasks: updateTask(state, event.taskId, event.seq, { status: event.status, lastProgress: event.message }),
        log: appendLog(state.log, event),
      };
    case 'task-end':
      return {
        ...state,
        tasks: updateTask(state, event.taskId, event.seq, {
          status: event.status,
          summary: event.summary,
          references: event.references,
        }),
        log: appendLog(state.log, event),
      };
    case 'llm-usage': {
      const known = state.usageByRole[event.role] ?? {
        promptTokens: 0,
        completionTokens: 0,
        totalTokens: 0,
        calls: 0,
        ms: 0,
      };
      return {
        ...state,
        usageByRole: {
          ...state.usageByRole,
          [event.role]: {
            promptTokens: known.promptTokens + event.promptTokens,
            completionTokens: known.completionTokens + event.completionTokens,
            totalTokens: known.totalTokens + event.totalTokens,
            calls: known.calls + 1,
            ms: known.ms + event.ms,
          },
        },
      };
    }
    case 'run-end': {
      const finalTasks = event.report?.tasks;
      return {
        ...state,
        status: event.status,
        endedAt: event.ts,
        report: event.report,
        error: event.error ?? event.report?.error,
        tasks: finalTasks ? mergeSnapshots(state, finalTasks, event.seq) : state.tasks,
        log: appendLog(state.log, event),
      };
    }
    case 'judge-verdict': {
      const verdict = { score: event.score, verdict: event.verdict, feedback: event.feedback };
      if (event.scope === 'goal') return { ...state, goalVerdict: { ...verdict, checks: event.checks } };
      if (event.taskId === undefined) return state;
      const claimed = event.claimedStatus ? { claimedStatus: event.claimedStatus } : {};
      return { ...state, tasks: updateTask(state, event.taskId, event.seq, { verdict, ...claimed }) };
    }
    case 'approval-requested':
      return {
        ...state,
        status: 'waiting',
        approvals: { ...state.approvals, [event.toolCallId]: { request: event } },
      };
    case 'approval-resolved': {
      const known = state.approvals[event.toolCallId];
      if (!known) return state;
      const approvals = { ...state.approvals, [event.toolCallId]: { ...known, resolved: event } };
      const open = Object.values(approvals).some((approval) => !approval.resolved);
      return { ...state, approvals, status: open || state.status !== 'waiting' ? state.status : 'running' };
    }
    case 'tool-call':
    case 'gepa-record':
    case 'gepa-candidate':
      return state;
  }
}

/** A new checklist snapshot keeps what only the dashboard knows per task (actor, tools, references). */
function mergeSnapshots(state: RunState, snapshots: readonly TaskSnapshot[], seq: number): TaskView[] {
  const previousById = new Map(state.tasks.map((task) => [task.id, task]));
  return snapshots.map((snapshot): TaskView => {
    const known = previousById.get(snapshot.id);
    const actor = state.actors[snapshot.id];
    const unchanged = known && known.status === snapshot.status && known.title === snapshot.title;
    return {
      ...snapshot,
      actor: actor?.actor,
      tools: actor?.tools,
      persona: snapshot.persona ?? actor?.persona,
      references: known?.references,
      summary: snapshot.summary ?? known?.summary,
      lastProgress: snapshot.lastProgress ?? known?.lastProgress,
      verdict: snapshot.verdict ?? known?.verdict,
      claimedStatus: snapshot.claimedStatus ?? known?.claimedStatus,
      updatedSeq: unchanged ? known.updatedSeq : seq,
    };
  });
}
