import type { RunEventInput } from '../../protocol/run-events';
import type { TraceDecisionInput } from '../trace-store/trace-record';
import { type OnlineCandidate, recentMean } from './online-candidate';
import type { TrialDecision } from './online-trial';

type DecisionKind = 'accepted' | 'rejected' | 'restored';

/**
 * What a finished trial leaves behind: the decision record(s) for the trace file and the
 * gepa-candidate event(s) — plus a `restored` pair when the best candidate was put back.
 */
export function trialDecisionRecords(
  decision: TrialDecision,
  timestamp: string,
  runId: string | undefined,
): { records: TraceDecisionInput[]; events: RunEventInput[] } {
  const records = [decisionRecord(decision, decision.decision, timestamp, runId)];
  const events = [
    candidateEvent(decision.candidate, decision.decision, { mean: decision.mean, parentScore: decision.parentScore }),
  ];
  if (decision.restored) {
    records.push(decisionRecord(decision, 'restored', timestamp, runId));
    const restoredScore = recentMean(decision.restored);
    events.push(candidateEvent(decision.restored, 'restored', restoredScore === null ? {} : { mean: restoredScore }));
  }
  return { records, events };
}

function decisionRecord(
  decision: TrialDecision,
  kind: DecisionKind,
  timestamp: string,
  runId: string | undefined,
): TraceDecisionInput {
  const candidate = kind === 'restored' && decision.restored ? decision.restored : decision.candidate;
  return {
    kind: 'decision',
    decision: kind,
    component: candidate.component,
    candidate_id: candidate.id,
    parent_id: candidate.parentId,
    prompt: candidate.prompt,
    mean_score: kind === 'restored' ? recentMean(candidate) : decision.mean,
    parent_score: kind === 'restored' ? null : decision.parentScore,
    timestamp,
    ...(runId ? { run_id: runId } : {}),
    source: 'online',
  };
}

function candidateEvent(
  candidate: OnlineCandidate,
  decision: DecisionKind,
  scores: Record<string, number>,
): RunEventInput {
  return {
    type: 'gepa-candidate',
    component: candidate.component,
    candidateId: candidate.id,
    parents: candidate.parentId ? [candidate.parentId] : [],
    prompt: candidate.prompt,
    scores,
    decision,
  };
}
