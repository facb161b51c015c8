import { describe, expect, it } from 'vitest';
import { SeededRandom } from './seeded-random';

describe('SeededRandom', () => {
  it('repeats its sequence for a seed and continues it from a saved state', () => {
    const first = new SeededRandom(123);
    const sequence = Array.from({ length: 5 }, () => first.next());
    expect(Array.from({ length: 5 }, () => new SeededRandom(123)).map((random) => random.next())).toEqual(
      Array(5).fill(sequence[0]),
    );
    const second = new SeededRandom(123);
    second.next();
    second.next();
    const restored = SeededRandom.fromState(second.state);
    expect([restored.next(), restored.next(), restored.next()]).toEqual(sequence.slice(2));
    expect(new SeededRandom(124).next()).not.toBe(sequence[0]);
  });

  it('draws floats in [0, 1) with a uniform mean and integers in range', () => {
    const random = new SeededRandom(7);
    const draws = Array.from({ length: 20_000 }, () => random.next());
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(Math.abs(draws.reduce((sum, value) => sum + value, 0) / draws.length - 0.5)).toBeLessThan(0.01);
    const integers = Array.from({ length: 1000 }, () => random.integer(4));
    expect(new Set(integers)).toEqual(new Set([0, 1, 2, 3]));
  });

  it('shuffles into a permutation and samples without replacement', () => {
    const random = new SeededRandom(1);
    const shuffled = random.shuffle([1, 2, 3, 4, 5, 6]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    const sample = random.sample([1, 2, 3, 4, 5, 6], 4);
    expect(new Set(sample).size).toBe(4);
    expect(random.sample([1, 2], 5)).toHaveLength(2);
  });
});
