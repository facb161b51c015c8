import type { OnlineCandidate } from './online-candidate';

/** A proposed candidate being measured: it must match `parentScore` over its next window. */
export interface Trial {
  component: string;
  candidateId: string;
  parentId: string;
  parentScore: number;
  scores: number[];
}

export interface TrialDecision {
  decision: 'accepted' | 'rejected';
  candidate: OnlineCandidate;
  mean: number;
  parentScore: number;
  /** After a rejection: the best candidate, put back. */
  restored?: OnlineCandidate;
}

/** Mean of the trial's scores so far (0 before any). */
export function trialMean(trial: Trial): number {
  return trial.scores.reduce((sum, score) => sum + score, 0) / Math.max(1, trial.scores.length);
}
