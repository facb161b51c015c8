import { describe, expect, it } from 'vitest';
import { selectCandidate, selectComponents } from './candidate-selector';
import { SeededRandom } from './seeded-random';
import { addCandidate, createInitialState } from './state';

function threeCandidates() {
  const state = createInitialState({ planner: 'P', actor: 'A' }, 2, 2, 0);
  addCandidate(state, { planner: 'P', actor: 'A' }, [], [0.2, 0.2], 0);
  addCandidate(state, { planner: 'P1', actor: 'A' }, [0], [1, 0], 2);
  addCandidate(state, { planner: 'P', actor: 'A2' }, [0], [0, 0.9], 4);
  return state;
}

describe('selectCandidate', () => {
  it('current-best always takes the best aggregate score', () => {
    const state = threeCandidates();
    expect(selectCandidate(state, 'current-best', new SeededRandom(0))).toBe(1);
  });

  it('pareto samples only the front owners, current-best ignores the runner-up', () => {
    const state = threeCandidates();
    const random = new SeededRandom(5);
    const picked = new Set(Array.from({ length: 100 }, () => selectCandidate(state, 'pareto', random)));
    expect(picked).toEqual(new Set([1, 2]));
  });

  it('epsilon-greedy explores with probability epsilon', () => {
    const state = threeCandidates();
    const random = new SeededRandom(8);
    const draws = Array.from({ length: 4000 }, () => selectCandidate(state, 'epsilon-greedy', random, 0.3));
    // Non-best picks: 0.3 × 2/3 of the draws.
    const share = draws.filter((index) => index !== 1).length / draws.length;
    expect(Math.abs(share - 0.2)).toBeLessThan(0.03);
  });
});

describe('selectComponents', () => {
  it('round-robin cycles per candidate and children continue from their parent', () => {
    const state = threeCandidates();
    expect(selectComponents(state, 0, 'round-robin')).toEqual(['planner']);
    expect(selectComponents(state, 0, 'round-robin')).toEqual(['actor']);
    expect(selectComponents(state, 0, 'round-robin')).toEqual(['planner']);
    const child = addCandidate(state, { planner: 'P3', actor: 'A' }, [0], [0, 0], 6);
    expect(selectComponents(state, child, 'round-robin')).toEqual(['actor']);
    expect(selectComponents(state, 1, 'all')).toEqual(['planner', 'actor']);
  });
});
