export interface MetricWeights {
  /** Weight of the completion rate (default 0.7). */
  completionWeight: number;
  /** Weight of the recency score (default 0.3). */
  recencyWeight: number;
}

export const DEFAULT_METRIC_WEIGHTS: MetricWeights = { completionWeight: 0.7, recencyWeight: 0.3 };

/** Mean score of the window (the share of completed tasks when scores are 0/1); 0 when empty. */
export function completionRate(scores: readonly number[]): number {
  if (scores.length === 0) return 0;
  return scores.reduce((sum, score) => sum + score, 0) / scores.length;
}

/**
 * Linearly recency-weighted mean score: with the window s_1 … s_n oldest first, outcome i has
 * weight i, so the most recent counts n times as much as the oldest:
 * recency = Σ i·s_i / Σ i = 2·Σ i·s_i / (n·(n+1)). 0 when the window is empty.
 */
export function recencyScore(scores: readonly number[]): number {
  const count = scores.length;
  if (count === 0) return 0;
  const weighted = scores.reduce((sum, score, index) => sum + (index + 1) * score, 0);
  return weighted / ((count * (count + 1)) / 2);
}

/**
 * The seed's `enhanced_decomp_metric` over a rolling window of outcome scores (oldest first):
 * completion_weight × completion rate + recency_weight × recency score.
 * Example: [1, 0, 1, 1, 0] → 0.7 × 0.6 + 0.3 × (1+3+4)/15 = 0.42 + 0.16 = 0.58.
 */
export function enhancedDecompMetric(
  scores: readonly number[],
  weights: MetricWeights = DEFAULT_METRIC_WEIGHTS,
): number {
  return weights.completionWeight * completionRate(scores) + weights.recencyWeight * recencyScore(scores);
}
