import { planMerge, selectMergeSubsample } from './merge';
import { indexOfMax } from './pareto';
import { type RunContext, sum } from './run-context';
import { addCandidate } from './state';

export type MergeOutcome = 'none' | 'accepted' | 'rejected';

/**
 * One merge attempt: plan a merge of two Pareto candidates, evaluate it on a validation subsample
 * and accept it when its subsample sum is at least the better parent's (as the reference does);
 * an accepted merge is evaluated on the rest of the valset and joins the pool with both parents.
 */
export async function mergeStep<Example, Output, Trajectory>(
  context: RunContext<Example, Output, Trajectory>,
): Promise<MergeOutcome> {
  const { state, settings, random } = context;
  const iteration = state.iteration;
  const plan = planMerge(state, state.merge, random);
  if (!plan) return 'none';
  const [first, second] = plan.parents;
  const firstScores = state.valSubscores[first] as number[];
  const secondScores = state.valSubscores[second] as number[];
  const subsample = selectMergeSubsample(firstScores, secondScores, settings.mergeSubsampleSize, random);
  if (subsample.length === 0) return 'none';
  context.emit({ type: 'merge-attempted', iteration, parentIndices: plan.parents, ancestorIndex: plan.ancestor });

  const subsampleEvaluation = await context.evaluate('val', subsample, plan.candidate, false);
  const discoveryBudget = state.totalMetricCalls;
  const scoreAfter = sum(subsampleEvaluation.scores);
  const parentScores: [number, number] = [
    sum(subsample.map((index) => firstScores[index] ?? 0)),
    sum(subsample.map((index) => secondScores[index] ?? 0)),
  ];
  if (scoreAfter < Math.max(...parentScores)) {
    context.emit({ type: 'merge-rejected', iteration, parentIndices: plan.parents, scoreAfter, parentScores });
    return 'rejected';
  }
  const rest = context.valset.map((_, index) => index).filter((index) => !subsample.includes(index));
  const restEvaluation = await context.evaluate('val', rest, plan.candidate, false);
  const subscores = context.valset.map(() => 0);
  for (const [position, index] of subsample.entries()) subscores[index] = subsampleEvaluation.scores[position] ?? 0;
  for (const [position, index] of rest.entries()) subscores[index] = restEvaluation.scores[position] ?? 0;
  const candidateIndex = addCandidate(state, plan.candidate, [first, second], subscores, discoveryBudget);
  state.merge.due = Math.max(0, state.merge.due - 1);
  state.merge.tested += 1;
  context.emit({ type: 'merge-accepted', iteration, candidateIndex, parentIndices: plan.parents, scoreAfter });
  context.emit({
    type: 'valset-evaluated',
    iteration,
    candidateIndex,
    parentIndices: [first, second],
    aggregateScore: state.valAggregateScores[candidateIndex] ?? 0,
    subscores,
    isBest: indexOfMax(state.valAggregateScores) === candidateIndex,
  });
  return 'accepted';
}
