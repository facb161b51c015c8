import { indexOfMax, selectFromParetoFront } from './pareto';
import type { SeededRandom } from './seeded-random';
import type { GEPAState } from './state-schema';
import type { CandidateSelection } from './types';

/**
 * Picks the parent to mutate: `pareto` samples from the pruned per-instance fronts, `current-best`
 * takes the best aggregate score, `epsilon-greedy` takes the best except with probability epsilon.
 */
export function selectCandidate(
  state: Readonly<GEPAState>,
  strategy: CandidateSelection,
  random: SeededRandom,
  epsilon = 0.1,
): number {
  switch (strategy) {
    case 'pareto':
      return selectFromParetoFront(state.paretoFrontPrograms, state.valAggregateScores, random);
    case 'current-best':
      return indexOfMax(state.valAggregateScores);
    case 'epsilon-greedy':
      if (random.next() < epsilon) return random.integer(state.candidates.length);
      return indexOfMax(state.valAggregateScores);
  }
}

/** Components to rewrite this iteration; round-robin advances the parent's pointer. */
export function selectComponents(state: GEPAState, parentIndex: number, strategy: 'round-robin' | 'all'): string[] {
  if (strategy === 'all') return [...state.componentNames];
  const pointer = state.nextComponentIndex[parentIndex] ?? 0;
  state.nextComponentIndex[parentIndex] = (pointer + 1) % state.componentNames.length;
  return [state.componentNames[pointer] as string];
}
