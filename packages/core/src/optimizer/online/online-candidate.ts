/**
 * Where a candidate stands: `default` (the built-in prompt), `trial` (proposed, being measured over
 * a window), `accepted` (a trial that did at least as well as its parent), `rejected`, `applied`
 * (made current by `aime optimize --apply`), `legacy` (an explicit `new_prompt` of a Python
 * reference file), `observed` (seen in outcomes only — never chosen as best).
 */
export type CandidateStatus = 'default' | 'trial' | 'accepted' | 'rejected' | 'applied' | 'legacy' | 'observed';

export interface OnlineCandidate {
  id: string;
  component: string;
  parentId: string | null;
  prompt: string;
  status: CandidateStatus;
  /** The component's epoch when created: an applied or legacy prompt starts a new epoch. */
  epoch: number;
  /** Creation order (ties between equal scores go to the newer candidate). */
  order: number;
  createdAt: number;
  uses: number;
  scoreSum: number;
  /** Its last `window_size` outcome scores, oldest first. */
  recentScores: number[];
}

/** A candidate with no outcomes yet. */
export function newCandidate(
  fields: Pick<
    OnlineCandidate,
    'id' | 'component' | 'parentId' | 'prompt' | 'status' | 'epoch' | 'order' | 'createdAt'
  >,
): OnlineCandidate {
  return { ...fields, uses: 0, scoreSum: 0, recentScores: [] };
}

/** Candidates that may be chosen as a component's best. */
export const ELIGIBLE_STATUSES: ReadonlySet<CandidateStatus> = new Set(['default', 'accepted', 'applied', 'legacy']);

export function meanScore(candidate: OnlineCandidate): number | null {
  return candidate.uses > 0 ? candidate.scoreSum / candidate.uses : null;
}

/** Mean of its last `window_size` scores: what it does now, comparable with a trial's window. */
export function recentMean(candidate: OnlineCandidate): number | null {
  const scores = candidate.recentScores;
  return scores.length > 0 ? scores.reduce((sum, score) => sum + score, 0) / scores.length : null;
}

/** Stable id for a prompt seen without candidate info (Python reference files): FNV-1a of the text. */
export function legacyCandidateId(prompt: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < prompt.length; index++) {
    hash ^= prompt.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `legacy-${hash.toString(16).padStart(8, '0')}`;
}
