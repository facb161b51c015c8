import { describe, expect, it } from 'vitest';
import { ancestorsOf, mergeComponents, planMerge, selectMergeSubsample } from './merge';
import { SeededRandom } from './seeded-random';
import { addCandidate, createInitialState } from './state';

describe('mergeComponents', () => {
  const names = ['a', 'b', 'c', 'd'];
  const candidates = [
    { a: 'A', b: 'B', c: 'C', d: 'D' },
    { a: 'A1', b: 'B', c: 'C1', d: 'D' },
    { a: 'A', b: 'B2', c: 'C2', d: 'D' },
  ];

  it('takes each component from the descendant that changed it, the better one when both did', () => {
    const { candidate, sources } = mergeComponents(names, candidates, [0.1, 0.6, 0.5], 1, 2, 0, new SeededRandom(0));
    expect(candidate).toEqual({ a: 'A1', b: 'B2', c: 'C1', d: 'D' });
    expect(sources).toEqual([1, 2, 1, 1]);
    const swapped = mergeComponents(names, candidates, [0.1, 0.5, 0.6], 1, 2, 0, new SeededRandom(0));
    expect(swapped.candidate.c).toBe('C2');
  });

  it('picks randomly (seeded) between two changes with equal scores', () => {
    const picks = new Set<string>();
    for (let seed = 0; seed < 20; seed++) {
      picks.add(mergeComponents(names, candidates, [0.1, 0.5, 0.5], 1, 2, 0, new SeededRandom(seed)).candidate.c ?? '');
    }
    expect(picks).toEqual(new Set(['C1', 'C2']));
    const once = mergeComponents(names, candidates, [0.1, 0.5, 0.5], 1, 2, 0, new SeededRandom(7)).candidate;
    expect(mergeComponents(names, candidates, [0.1, 0.5, 0.5], 1, 2, 0, new SeededRandom(7)).candidate).toEqual(once);
  });
});

describe('planMerge', () => {
  function twoBranchState() {
    const state = createInitialState({ a: 'A', b: 'B' }, 4, 4, 0);
    addCandidate(state, { a: 'A', b: 'B' }, [], [0, 0, 0, 0], 0);
    addCandidate(state, { a: 'A1', b: 'B' }, [0], [1, 1, 0, 0], 4);
    addCandidate(state, { a: 'A', b: 'B2' }, [0], [0, 0, 1, 1], 8);
    return state;
  }

  it('merges two non-ancestral Pareto candidates through their common ancestor, once', () => {
    const state = twoBranchState();
    const random = new SeededRandom(3);
    const plan = planMerge(state, state.merge, random);
    expect(plan).toEqual({ candidate: { a: 'A1', b: 'B2' }, parents: [1, 2], ancestor: 0, sources: [1, 2] });
    expect(state.merge.triedTriplets).toEqual([[1, 2, 0]]);
    expect(planMerge(state, state.merge, random)).toBeUndefined();
  });

  it('never merges a candidate with its own descendant', () => {
    const state = createInitialState({ a: 'A', b: 'B' }, 2, 2, 0);
    addCandidate(state, { a: 'A', b: 'B' }, [], [0, 0], 0);
    addCandidate(state, { a: 'A1', b: 'B' }, [0], [1, 0], 2);
    addCandidate(state, { a: 'A1', b: 'B1' }, [1], [0, 1], 4);
    expect(ancestorsOf(2, state.parents)).toEqual(new Set([0, 1]));
    expect(planMerge(state, state.merge, new SeededRandom(0))).toBeUndefined();
  });
});

describe('planMerge: which merges it will not try', () => {
  /** Seed 0 and two non-ancestral children 1 and 2, each alone on the front of some instances. */
  function branches(scores: { ancestor: number[]; first: number[]; second: number[] }) {
    const state = createInitialState({ a: 'A', b: 'B' }, 4, 4, 0);
    addCandidate(state, { a: 'A', b: 'B' }, [], scores.ancestor, 0);
    addCandidate(state, { a: 'A1', b: 'B' }, [0], scores.first, 4);
    addCandidate(state, { a: 'A', b: 'B2' }, [0], scores.second, 8);
    return state;
  }

  it('refuses an ancestor that scores higher than the first parent, or than the second', () => {
    // Aggregates: ancestor 0.5; the lower parent 0.25; the other 0.75 — both parents on the front.
    const ancestorAboveFirst = branches({ ancestor: [0.5, 0.5, 0.5, 0.5], first: [1, 0, 0, 0], second: [0, 1, 1, 1] });
    const ancestorAboveSecond = branches({ ancestor: [0.5, 0.5, 0.5, 0.5], first: [0, 1, 1, 1], second: [1, 0, 0, 0] });
    const ancestorAtBoth = branches({ ancestor: [0.25, 0.25, 0.25, 0.25], first: [1, 0, 0, 0], second: [0, 1, 1, 1] });
    for (let seed = 0; seed < 10; seed++) {
      expect(planMerge(ancestorAboveFirst, ancestorAboveFirst.merge, new SeededRandom(seed))).toBeUndefined();
      expect(planMerge(ancestorAboveSecond, ancestorAboveSecond.merge, new SeededRandom(seed))).toBeUndefined();
    }
    const ancestorAtSecond = branches({
      ancestor: [0.25, 0.25, 0.25, 0.25],
      first: [0, 1, 1, 1],
      second: [1, 0, 0, 0],
    });
    for (const state of [ancestorAtBoth, ancestorAtSecond]) {
      expect(planMerge(state, state.merge, new SeededRandom(0))).toMatchObject({ parents: [1, 2], ancestor: 0 });
    }
  });

  it('needs a component one parent left as the ancestor had it and the other changed', () => {
    const scores = { ancestor: [0, 0, 0, 0], first: [1, 1, 0, 0], second: [0, 0, 1, 1] };
    const bothChangedEverything = branches(scores);
    bothChangedEverything.candidates[1] = { a: 'A1', b: 'B1' };
    bothChangedEverything.candidates[2] = { a: 'A2', b: 'B2' };
    const sameChange = branches(scores);
    sameChange.candidates[1] = { a: 'A1', b: 'B' };
    sameChange.candidates[2] = { a: 'A1', b: 'B' };
    for (let seed = 0; seed < 10; seed++) {
      for (const state of [bothChangedEverything, sameChange]) {
        expect(planMerge(state, state.merge, new SeededRandom(seed))).toBeUndefined();
      }
    }
  });

  it('never tries the same merge twice, even through a different common ancestor', () => {
    // 0 → 1 → {2, 3}: merging 2 and 3 through ancestor 0 or 1 takes the same texts from the same parents.
    const state = createInitialState({ a: 'A', b: 'B', c: 'C' }, 2, 2, 0);
    addCandidate(state, { a: 'A', b: 'B', c: 'C' }, [], [0, 0], 0);
    addCandidate(state, { a: 'A', b: 'B', c: 'C1' }, [0], [0, 0], 2);
    addCandidate(state, { a: 'A2', b: 'B', c: 'C1' }, [1], [1, 0.5], 4);
    addCandidate(state, { a: 'A', b: 'B3', c: 'C1' }, [1], [0, 1], 6);
    for (let seed = 0; seed < 10; seed++) {
      const copy = structuredClone(state);
      const random = new SeededRandom(seed);
      const first = planMerge(copy, copy.merge, random);
      expect(first).toMatchObject({ candidate: { a: 'A2', b: 'B3', c: 'C1' }, parents: [2, 3], sources: [2, 3, 2] });
      expect(planMerge(copy, copy.merge, random)).toBeUndefined();
      expect(copy.merge.triedDescriptions).toEqual(['2,3:2,3,2']);
    }
  });
});

describe('selectMergeSubsample', () => {
  it('draws up to a third from each of: first wins, second wins, ties', () => {
    const first = [1, 0, 1, 0.5, 0, 1];
    const second = [0, 1, 1, 0.5, 1, 0];
    const subsample = selectMergeSubsample(first, second, 5, new SeededRandom(9));
    expect(subsample).toHaveLength(5);
    expect(new Set(subsample).size).toBe(5);
    for (const index of [0, 5, 1, 4]) expect(subsample).toContain(index);
    expect(subsample.filter((index) => index === 2 || index === 3)).toHaveLength(1);
  });

  it('takes one of each bucket when three are asked for, whatever the seed', () => {
    // First wins only on 0, second only on 1, ties on 2–5.
    const first = [1, 0, 0.5, 0.5, 0.5, 0.5];
    const second = [0, 1, 0.5, 0.5, 0.5, 0.5];
    for (let seed = 0; seed < 20; seed++) {
      const subsample = selectMergeSubsample(first, second, 3, new SeededRandom(seed));
      expect(subsample.slice(0, 2)).toEqual([0, 1]);
      expect([2, 3, 4, 5]).toContain(subsample[2]);
      // A bucket larger than a third does not crowd out the others.
      const crowded = selectMergeSubsample([1, 1, 1, 0, 0.5, 0.5], [0, 0, 0, 1, 0.5, 0.5], 3, new SeededRandom(seed));
      expect(crowded.filter((index) => index < 3)).toHaveLength(1);
      expect(crowded).toContain(3);
    }
  });
});
