import { describe, expect, it } from 'vitest';
import { completionRate, enhancedDecompMetric, recencyScore } from './enhanced-decomp-metric';

describe('enhanced_decomp_metric', () => {
  it('is 0.7 × completion rate + 0.3 × linearly recency-weighted success, hand-computed', () => {
    // [1,0,1,1,0]: completion 3/5; recency (1·1 + 2·0 + 3·1 + 4·1 + 5·0) / 15 = 8/15.
    expect(completionRate([1, 0, 1, 1, 0])).toBeCloseTo(0.6, 12);
    expect(recencyScore([1, 0, 1, 1, 0])).toBeCloseTo(8 / 15, 12);
    expect(enhancedDecompMetric([1, 0, 1, 1, 0])).toBeCloseTo(0.58, 12);
    // The same successes, most recent last: recency (3+4+5)/15 = 0.8 → 0.42 + 0.24 = 0.66.
    expect(enhancedDecompMetric([0, 0, 1, 1, 1])).toBeCloseTo(0.66, 12);
    // Successes first, failures last: recency (1+2)/6 = 0.5 → 0.7·(2/3) + 0.15.
    expect(enhancedDecompMetric([1, 1, 0])).toBeCloseTo(0.7 * (2 / 3) + 0.3 * 0.5, 12);
  });

  it('handles the edges: empty window, one outcome, fractional scores, custom weights', () => {
    expect(enhancedDecompMetric([])).toBe(0);
    expect(enhancedDecompMetric([1])).toBeCloseTo(1, 12);
    expect(enhancedDecompMetric([0])).toBe(0);
    // [0.5, 1]: completion 0.75; recency (0.5 + 2) / 3 = 5/6.
    expect(enhancedDecompMetric([0.5, 1])).toBeCloseTo(0.7 * 0.75 + 0.3 * (5 / 6), 12);
    expect(enhancedDecompMetric([1, 0], { completionWeight: 0.5, recencyWeight: 0.5 })).toBeCloseTo(
      0.5 * 0.5 + 0.5 * (1 / 3),
      12,
    );
  });
});
