import { describe, expect, it } from 'vitest';
import {
  findDominatorPrograms,
  indexOfMax,
  type ParetoFront,
  removeDominatedPrograms,
  selectFromParetoFront,
  updateParetoFront,
} from './pareto';
import { SeededRandom } from './seeded-random';

describe('updateParetoFront', () => {
  it('replaces an instance on a strictly better score and keeps ties', () => {
    const front: ParetoFront = { scores: [], programs: [] };
    updateParetoFront(front, 0, [0.5, 1, 0]);
    expect(front).toEqual({ scores: [0.5, 1, 0], programs: [[0], [0], [0]] });
    updateParetoFront(front, 1, [0.5, 0.8, 1]);
    expect(front).toEqual({ scores: [0.5, 1, 1], programs: [[0, 1], [0], [1]] });
    updateParetoFront(front, 2, [0.7, 1, 1]);
    expect(front).toEqual({ scores: [0.7, 1, 1], programs: [[2], [0, 2], [1, 2]] });
  });

  it('does not add a program that is worse everywhere', () => {
    const front: ParetoFront = { scores: [1, 1], programs: [[0], [0]] };
    updateParetoFront(front, 1, [0.9, 0]);
    expect(front.programs).toEqual([[0], [0]]);
  });
});

describe('removeDominatedPrograms', () => {
  it('drops programs whose every front holds another survivor, lowest aggregate first', () => {
    // 0 is only on {0,2}, 1 only on {1,2}; 2 alone holds instance 0, so 2 dominates both.
    const pruned = removeDominatedPrograms([[2], [0, 2], [1, 2]], [0.5, 0.77, 0.9]);
    expect(pruned).toEqual([[2], [2], [2]]);
  });

  it('keeps the better-scoring of two programs that tie on every front', () => {
    expect(
      removeDominatedPrograms(
        [
          [0, 1],
          [0, 1],
        ],
        [0.4, 0.6],
      ),
    ).toEqual([[1], [1]]);
    expect(
      removeDominatedPrograms(
        [
          [0, 1],
          [0, 1],
        ],
        [0.6, 0.4],
      ),
    ).toEqual([[0], [0]]);
  });

  it('keeps programs that each own a front alone', () => {
    const fronts = [[0], [0, 1], [1], [2]];
    expect(removeDominatedPrograms(fronts, [0.5, 0.5, 0.5])).toEqual(fronts);
    expect(findDominatorPrograms(fronts, [0.5, 0.5, 0.5])).toEqual([0, 1, 2]);
  });
});

describe('selectFromParetoFront', () => {
  it('samples parents in proportion to the number of fronts they are on', () => {
    // Frequencies after pruning: 0 → 2 fronts, 1 → 2 fronts, 2 → 3 fronts.
    const fronts = [[0], [0, 1], [1], [2], [2], [2]];
    const random = new SeededRandom(42);
    const counts = [0, 0, 0];
    const samples = 10_000;
    for (let draw = 0; draw < samples; draw++) {
      const picked = selectFromParetoFront(fronts, [0.5, 0.5, 0.5], random);
      counts[picked] = (counts[picked] ?? 0) + 1;
    }
    // Standard deviation of each share is about 0.005; allow 4 of them.
    expect(Math.abs((counts[0] ?? 0) / samples - 2 / 7)).toBeLessThan(0.02);
    expect(Math.abs((counts[1] ?? 0) / samples - 2 / 7)).toBeLessThan(0.02);
    expect(Math.abs((counts[2] ?? 0) / samples - 3 / 7)).toBeLessThan(0.02);
  });

  it('never samples a dominated program', () => {
    const random = new SeededRandom(1);
    for (let draw = 0; draw < 200; draw++) expect(selectFromParetoFront([[0, 1], [1]], [0.5, 0.75], random)).toBe(1);
  });
});

describe('indexOfMax', () => {
  it('returns the first index of the highest score', () => {
    expect(indexOfMax([0.2, 0.9, 0.9, 0.1])).toBe(1);
  });
});
