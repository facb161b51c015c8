import { initialSamplerState } from './batch-sampler';
import { indexOfMax, updateParetoFront } from './pareto';
import type { GEPAState } from './state-schema';
import type { GEPACandidate } from './types';

export function createInitialState(
  seedCandidate: GEPACandidate,
  trainsetSize: number,
  valsetSize: number,
  seed: number,
): GEPAState {
  return {
    version: 1,
    componentNames: Object.keys(seedCandidate),
    trainsetSize,
    valsetSize,
    candidates: [],
    parents: [],
    valSubscores: [],
    valAggregateScores: [],
    paretoFrontScores: [],
    paretoFrontPrograms: [],
    discoveryBudgets: [],
    nextComponentIndex: [],
    iteration: 0,
    totalMetricCalls: 0,
    numFullValEvals: 0,
    randomState: seed >>> 0,
    sampler: initialSamplerState(),
    merge: { due: 0, tested: 0, lastIterationFoundNewProgram: false, triedTriplets: [], triedDescriptions: [] },
    lastImprovementIteration: 0,
    failedProposals: 0,
    consecutiveReflectionErrors: 0,
    evaluationErrors: [],
  };
}

export function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, value) => sum + value, 0) / values.length;
}

export function bestScore(state: Readonly<GEPAState>): number {
  return state.valAggregateScores[indexOfMax(state.valAggregateScores)] ?? -Infinity;
}

/**
 * Adds a fully evaluated candidate to the pool: its parents, per-instance and aggregate validation
 * scores, the budget at discovery, and the Pareto front update. A child's round-robin pointer
 * continues from its parents'. Returns the new candidate's index.
 */
export function addCandidate(
  state: GEPAState,
  candidate: GEPACandidate,
  parents: number[],
  subscores: number[],
  discoveryBudget: number,
): number {
  const previousBest = state.candidates.length === 0 ? -Infinity : bestScore(state);
  const index = state.candidates.length;
  state.candidates.push({ ...candidate });
  state.parents.push([...parents]);
  state.valSubscores.push([...subscores]);
  state.valAggregateScores.push(mean(subscores));
  state.discoveryBudgets.push(discoveryBudget);
  state.nextComponentIndex.push(Math.max(0, ...parents.map((parent) => state.nextComponentIndex[parent] ?? 0)));
  state.numFullValEvals += 1;
  const front = { scores: state.paretoFrontScores, programs: state.paretoFrontPrograms };
  updateParetoFront(front, index, subscores);
  if (bestScore(state) > previousBest) state.lastImprovementIteration = state.iteration;
  return index;
}
