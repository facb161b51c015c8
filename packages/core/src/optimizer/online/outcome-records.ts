import type { TaskOutcome } from '../../protocol/prompt-optimizer';
import type { RunEventInput } from '../../protocol/run-events';
import type { TraceExample, TraceExampleInput } from '../trace-store/trace-record';
import { clipText } from './clip-text';
import type { OnlineCandidate } from './online-candidate';
import type { OutcomeDetails } from './online-outcome';

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
    ...traceDetails(outcome),
  };
}

/** The judge's verdict and the tool statistics as trace-record fields (only those the outcome has). */
function traceDetails(outcome: TaskOutcome): Partial<TraceExampleInput> {
  const details: Partial<TraceExampleInput> = {};
  if (outcome.claimedStatus) details.claimed_status = outcome.claimedStatus;
  if (outcome.verdict) {
    details.verdict = outcome.verdict.verdict;
    details.checks = outcome.verdict.checks.map((check) => ({ ...check, detail: clipText(check.detail, 300) }));
  }
  const stats = outcome.stats;
  if (stats) {
    Object.assign(details, {
      tool_calls: stats.toolCalls,
      tool_errors: stats.toolErrors,
      steps: stats.steps,
      prompt_tokens: stats.promptTokens,
      completion_tokens: stats.completionTokens,
      model_ms: stats.modelMs,
      tool_ms: stats.toolMs,
    });
  }
  return details;
}

/** An outcome's details as online GEPA's state keeps them (live, or read back from a trace record). */
export function outcomeDetails(outcome: TaskOutcome): OutcomeDetails | undefined {
  const details: OutcomeDetails = {};
  if (outcome.claimedStatus) details.claimedStatus = outcome.claimedStatus;
  if (outcome.verdict) {
    details.verdict = outcome.verdict.verdict;
    details.checks = outcome.verdict.checks;
  }
  if (outcome.stats) details.stats = outcome.stats;
  return Object.keys(details).length > 0 ? details : undefined;
}

/** The details a trace record carries (none for a Python reference record). */
export function recordDetails(record: TraceExample): OutcomeDetails | undefined {
  const details: OutcomeDetails = {};
  if (record.claimed_status) details.claimedStatus = record.claimed_status;
  if (record.verdict) details.verdict = record.verdict;
  if (record.checks) details.checks = record.checks;
  if (record.tool_calls || record.steps !== undefined) {
    details.stats = {
      toolCalls: record.tool_calls ?? {},
      toolErrors: record.tool_errors ?? 0,
      steps: record.steps ?? 0,
      promptTokens: record.prompt_tokens ?? 0,
      completionTokens: record.completion_tokens ?? 0,
      modelMs: record.model_ms ?? 0,
      toolMs: record.tool_ms ?? 0,
    };
  }
  return Object.keys(details).length > 0 ? details : undefined;
}

function observationSummary(outcome: TaskOutcome): string {
  const verdict = outcome.score >= 1 ? 'completed' : outcome.score <= 0 ? 'failed' : `scored ${outcome.score}`;
  const detail = (outcome.score >= 1 ? outcome.response : outcome.feedback || outcome.response).replace(/\s+/g, ' ');
  return clipText(`${outcome.taskTitle || outcome.taskId}: ${verdict} — ${detail}`.trim(), MAX_OBSERVATION_CHARS);
}
