import type { TaskOutcome } from '../../protocol/prompt-optimizer';
import type { RunEventInput } from '../../protocol/run-events';
import type { TraceExampleInput } from '../trace-store/trace-record';
import { clipText } from './clip-text';
import type { OnlineCandidate } from './online-candidate';

const MAX_TEXT_CHARS = 4000;
const MAX_EVENT_FEEDBACK_CHARS = 500;
const MAX_OBSERVATION_CHARS = 300;

/** The `gepa-record` event for one recorded outcome. */
export function gepaRecordEvent(outcome: TaskOutcome, candidate: OnlineCandidate, composite: number): RunEventInput {
  return {
    type: 'gepa-record',
    component: outcome.component,
    candidateId: candidate.id,
    score: outcome.score,
    composite,
    feedback: clipText(outcome.feedback, MAX_EVENT_FEEDBACK_CHARS),
  };
}

/** The TraceExample line one outcome appends to the trace file (long texts clipped). */
export function traceExample(
  outcome: TaskOutcome,
  candidate: OnlineCandidate,
  composite: number,
  ts: number,
): TraceExampleInput {
  return {
    prompt: outcome.prompt,
    response: clipText(outcome.response, MAX_TEXT_CHARS),
    score: outcome.score,
    observation: observationSummary(outcome),
    component: outcome.component,
    candidate_id: candidate.id,
    parent_id: candidate.parentId,
    feedback: clipText(outcome.feedback, MAX_TEXT_CHARS),
    timestamp: new Date(ts).toISOString(),
    run_id: outcome.runId,
    task_id: outcome.taskId,
    goal: clipText(outcome.goal, MAX_TEXT_CHARS),
    task_title: clipText(outcome.taskTitle, MAX_TEXT_CHARS),
    composite,
  };
}

function observationSummary(outcome: TaskOutcome): string {
  const verdict = outcome.score >= 1 ? 'completed' : outcome.score <= 0 ? 'failed' : `scored ${outcome.score}`;
  const detail = (outcome.score >= 1 ? outcome.response : outcome.feedback || outcome.response).replace(/\s+/g, ' ');
  return clipText(`${outcome.taskTitle || outcome.taskId}: ${verdict} — ${detail}`.trim(), MAX_OBSERVATION_CHARS);
}
