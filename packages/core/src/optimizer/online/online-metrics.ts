import { type CandidateStatus, meanScore, recentMean } from './online-candidate';
import type { TimelinePoint } from './online-outcome';
import type { OnlineState } from './online-state';

/** `LightweightOnlineGEPA.metrics()`: what the dashboard charts (server `GET /gepa`). */
export interface OnlineGEPAMetrics {
  /** Composite after the latest outcome (null before any). */
  composite: number | null;
  threshold: number;
  timeline: TimelinePoint[];
  candidates: Array<{
    id: string;
    component: string;
    parentId: string | null;
    prompt: string;
    /** Mean of all its outcome scores (null before its first use). */
    meanScore: number | null;
    /** Mean over its last window (what "best" compares). */
    recentScore: number | null;
    uses: number;
    status: CandidateStatus;
    createdAt: number;
  }>;
  current: Record<string, { candidateId: string; text: string }>;
  /** The candidate being measured, if any. */
  trial: {
    component: string;
    candidateId: string;
    parentId: string;
    parentScore: number;
    outcomes: number;
    needed: number;
  } | null;
  /** Records read from the trace file at start plus records written since. */
  traceRecords: number;
}

/** A snapshot of the state (copies: later outcomes do not change it). */
export function onlineMetrics(
  state: OnlineState,
  settings: { threshold: number; windowSize: number; traceRecords: number },
): OnlineGEPAMetrics {
  const trial = state.trial;
  const current: OnlineGEPAMetrics['current'] = {};
  for (const component of ['planner', 'actor'] as const) current[component] = state.currentPrompt(component);
  return {
    composite: state.timeline.at(-1)?.composite ?? null,
    threshold: settings.threshold,
    timeline: state.timeline.map((point) => ({ ...point })),
    candidates: [...state.candidates.values()].map((candidate) => ({
      id: candidate.id,
      component: candidate.component,
      parentId: candidate.parentId,
      prompt: candidate.prompt,
      meanScore: meanScore(candidate),
      recentScore: recentMean(candidate),
      uses: candidate.uses,
      status: candidate.status,
      createdAt: candidate.createdAt,
    })),
    current,
    trial: trial
      ? {
          component: trial.component,
          candidateId: trial.candidateId,
          parentId: trial.parentId,
          parentScore: trial.parentScore,
          outcomes: trial.scores.length,
          needed: settings.windowSize,
        }
      : null,
    traceRecords: settings.traceRecords,
  };
}
