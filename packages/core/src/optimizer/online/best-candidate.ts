import { ELIGIBLE_STATUSES, type OnlineCandidate, recentMean } from './online-candidate';

/**
 * Among the eligible candidates of `component` in `epoch`, the one with the highest mean over its
 * last window (ties → the newer); unscored ones only when none has a score. Undefined when none is eligible.
 */
export function bestCandidate(
  candidates: Iterable<OnlineCandidate>,
  component: string,
  epoch: number,
): OnlineCandidate | undefined {
  let best: OnlineCandidate | undefined;
  for (const candidate of candidates) {
    const eligible =
      candidate.component === component && candidate.epoch === epoch && ELIGIBLE_STATUSES.has(candidate.status);
    if (eligible && (!best || isBetter(candidate, best))) best = candidate;
  }
  return best;
}

/** Higher recent mean wins; equal (or both unscored) → the newer; a scored one beats an unscored one. */
function isBetter(candidate: OnlineCandidate, than: OnlineCandidate): boolean {
  const score = recentMean(candidate);
  const otherScore = recentMean(than);
  if (score === null || otherScore === null) {
    if (score === null && otherScore === null) return candidate.order > than.order;
    return otherScore === null;
  }
  return score > otherScore || (score === otherScore && candidate.order > than.order);
}
