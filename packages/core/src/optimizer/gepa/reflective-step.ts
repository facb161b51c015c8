import { nextMinibatch } from './batch-sampler';
import { selectCandidate, selectComponents } from './candidate-selector';
import { indexOfMax } from './pareto';
import { proposeNewTexts } from './propose-texts';
import { type RunContext, sum } from './run-context';
import { addCandidate } from './state';
import type { GEPACandidate, GEPAEvent, ReflectiveDataset } from './types';

export type StepOutcome = 'accepted' | 'rejected' | 'skipped';
type SkipReason = Extract<GEPAEvent, { type: 'proposal-skipped' }>['reason'];

/**
 * One reflective-mutation iteration: select a parent, evaluate it on the next minibatch with
 * traces, reflect on the chosen components, evaluate the child on the same minibatch, and accept
 * it only if its minibatch score sum is strictly higher; an accepted child gets a full validation
 * evaluation and joins the pool.
 */
export async function reflectiveStep<Example, Output, Trajectory>(
  context: RunContext<Example, Output, Trajectory>,
): Promise<StepOutcome> {
  const { state, settings, random, options } = context;
  const iteration = state.iteration;
  const parentIndex = selectCandidate(state, settings.candidateSelection, random, settings.epsilon);
  const parent = state.candidates[parentIndex] as GEPACandidate;
  context.emit({
    type: 'candidate-selected',
    iteration,
    candidateIndex: parentIndex,
    score: state.valAggregateScores[parentIndex] ?? 0,
  });
  const minibatch = nextMinibatch(state.sampler, context.trainset.length, settings.minibatchSize, random);
  const parentEvaluation = await context.evaluate('train', minibatch, parent, true);

  const skip = (reason: SkipReason, detail?: string): StepOutcome => {
    if (reason !== 'perfect-score' && reason !== 'no-change' && reason !== 'evaluation-failed') {
      state.failedProposals += 1;
    }
    if (reason === 'reflection-error') state.consecutiveReflectionErrors += 1;
    context.emit({ type: 'proposal-skipped', iteration, parentIndex, reason, ...(detail ? { detail } : {}) });
    return 'skipped';
  };

  // Nothing to reflect on when the parent's whole minibatch failed to run (the errors are recorded).
  if (context.lastFailedExamples === minibatch.length) return skip('evaluation-failed');
  if (settings.skipPerfectScore && parentEvaluation.scores.every((score) => score >= settings.perfectScore)) {
    return skip('perfect-score');
  }
  const components = selectComponents(state, parentIndex, settings.componentSelection);
  let dataset: ReflectiveDataset;
  try {
    dataset = await options.adapter.makeReflectiveDataset(parent, parentEvaluation, components);
  } catch (error) {
    return skip('reflective-dataset-error', error instanceof Error ? error.message : String(error));
  }
  const proposal = await proposeNewTexts(
    options.adapter,
    options.reflectionModel,
    settings.promptTemplate,
    parent,
    dataset,
    components,
    options.signal,
  );
  context.checkAborted();
  if (
    Object.keys(proposal.texts).length > 0 ||
    proposal.failures.every((failure) => failure.reason !== 'reflection-error')
  ) {
    state.consecutiveReflectionErrors = 0;
  }
  const changed = Object.entries(proposal.texts).filter(([component, text]) => parent[component] !== text);
  if (Object.keys(proposal.texts).length === 0 && proposal.failures.length > 0) {
    const first = proposal.failures[0] as (typeof proposal.failures)[number];
    return skip(first.reason, proposal.failures.map((failure) => `${failure.component}: ${failure.detail}`).join('; '));
  }
  if (changed.length === 0) return skip('no-change');

  const child: GEPACandidate = { ...parent, ...Object.fromEntries(changed) };
  context.emit({
    type: 'candidate-proposed',
    iteration,
    parentIndex,
    components: changed.map(([component]) => component),
    candidate: child,
  });
  const childEvaluation = await context.evaluate('train', minibatch, child, false);
  const scoreBefore = sum(parentEvaluation.scores);
  const scoreAfter = sum(childEvaluation.scores);
  if (!(scoreAfter > scoreBefore)) {
    context.emit({
      type: 'candidate-rejected',
      iteration,
      parentIndices: [parentIndex],
      scoreBefore,
      scoreAfter,
      reason: `minibatch score ${scoreAfter} is not above the parent's ${scoreBefore}`,
    });
    return 'rejected';
  }
  const allInstances = context.valset.map((_, index) => index);
  const discoveryBudget = state.totalMetricCalls;
  const validation = await context.evaluate('val', allInstances, child, false);
  const candidateIndex = addCandidate(state, child, [parentIndex], validation.scores, discoveryBudget);
  context.emit({
    type: 'candidate-accepted',
    iteration,
    candidateIndex,
    parentIndices: [parentIndex],
    scoreBefore,
    scoreAfter,
  });
  context.emit({
    type: 'valset-evaluated',
    iteration,
    candidateIndex,
    parentIndices: [parentIndex],
    aggregateScore: state.valAggregateScores[candidateIndex] ?? 0,
    subscores: validation.scores,
    isBest: indexOfMax(state.valAggregateScores) === candidateIndex,
  });
  return 'accepted';
}
