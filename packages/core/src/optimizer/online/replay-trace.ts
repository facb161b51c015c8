import { isTraceDecision, type TraceRecord, timestampMs } from '../trace-store/trace-record';
import { recentMean } from './online-candidate';
import type { OnlineState } from './online-state';
import { recordDetails } from './outcome-records';

/**
 * Replays one trace-file record through the same state transitions the writing process made
 * (decision records, outcomes, and the proposals they carry). Returns the record's time in ms;
 * records without a readable timestamp take `lastTs`.
 */
export function replayTraceRecord(state: OnlineState, record: TraceRecord, lastTs: number): number {
  const ts = timestampMs(record.timestamp) ?? lastTs;
  if (isTraceDecision(record)) {
    state.applyDecision({
      decision: record.decision,
      component: record.component,
      candidateId: record.candidate_id,
      parentId: record.parent_id ?? null,
      prompt: record.prompt,
      ts,
    });
    return ts;
  }
  const component = record.component ?? 'planner';
  const details = recordDetails(record);
  const { candidate } = state.observe({
    component,
    ...(record.candidate_id !== undefined ? { candidateId: record.candidate_id } : {}),
    parentId: record.parent_id ?? null,
    prompt: record.prompt,
    score: record.score,
    ts,
    response: record.response,
    feedback: record.feedback ?? record.observation ?? '',
    goal: record.goal ?? '',
    taskTitle: record.task_title ?? '',
    taskId: record.task_id ?? '',
    runId: record.run_id ?? null,
    ...(details ? { details } : {}),
  });
  const newPrompt = record.new_prompt?.trim();
  if (newPrompt) {
    if (record.new_candidate_id) {
      state.propose(component, {
        id: record.new_candidate_id,
        prompt: newPrompt,
        parentId: record.new_parent_id ?? candidate.id,
        parentScore: record.parent_score ?? recentMean(candidate) ?? 0,
        ts,
      });
    } else {
      state.adoptLegacy(component, newPrompt, ts);
    }
  }
  return ts;
}
