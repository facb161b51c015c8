import { GEPAError } from './gepa-error';
import { mergeStep } from './merge-step';
import { indexOfMax } from './pareto';
import { reflectiveStep } from './reflective-step';
import { GEPAResult } from './result';
import { RunContext, StopRun } from './run-context';
import { SeededRandom } from './seeded-random';
import { type EngineSettings, resolveSettings } from './settings';
import { addCandidate, createInitialState } from './state';
import type { GEPAState } from './state-schema';
import { loadState, saveState, stopFileExists } from './state-store';
import { maxMetricCallsReached, noImprovementFor, scoreThresholdReached } from './stop-conditions';
import type { GEPAOptimizeOptions, GEPAStopReason } from './types';

function checkResumable(state: GEPAState, fresh: GEPAState): void {
  const mismatch = (what: string): never => {
    throw new GEPAError('gepa_state_mismatch', `The run directory holds a run with a different ${what}`);
  };
  if (state.componentNames.join('\u0000') !== fresh.componentNames.join('\u0000')) mismatch('set of components');
  if (state.trainsetSize !== fresh.trainsetSize) mismatch('trainset size');
  if (state.valsetSize !== fresh.valsetSize) mismatch('valset size');
}

function stopReason<Example, Output, Trajectory>(
  options: GEPAOptimizeOptions<Example, Output, Trajectory>,
  settings: EngineSettings,
  state: GEPAState,
  deadline: number | undefined,
): GEPAStopReason | undefined {
  if (options.signal?.aborted) return 'aborted';
  if (options.runDir !== undefined && stopFileExists(options.runDir)) return 'stop-file';
  if (settings.maxMetricCalls !== undefined && maxMetricCallsReached(settings.maxMetricCalls)(state)) {
    return 'max-metric-calls';
  }
  if (deadline !== undefined && Date.now() >= deadline) return 'timeout';
  if (options.scoreThreshold !== undefined && scoreThresholdReached(options.scoreThreshold)(state)) {
    return 'score-threshold';
  }
  if (options.noImprovementIterations !== undefined && noImprovementFor(options.noImprovementIterations)(state)) {
    return 'no-improvement';
  }
  if (state.consecutiveReflectionErrors >= settings.maxConsecutiveReflectionErrors) return 'reflection-errors';
  if (settings.stopWhen.some((condition) => condition(state))) return 'stop-condition';
  return undefined;
}

/**
 * One iteration: a scheduled merge attempt (after an accepted mutation) or else a reflective
 * mutation, with the reference's merge bookkeeping. Returns whether a candidate joined the pool.
 */
async function runIteration<Example, Output, Trajectory>(
  context: RunContext<Example, Output, Trajectory>,
): Promise<boolean> {
  const { state, settings } = context;
  const mergeAllowed = state.merge.tested < settings.maxMergeInvocations;
  if (settings.useMerge && mergeAllowed && state.merge.due > 0 && state.merge.lastIterationFoundNewProgram) {
    state.merge.lastIterationFoundNewProgram = false;
    const mergeOutcome = await mergeStep(context);
    if (mergeOutcome !== 'none') return mergeOutcome === 'accepted';
  }
  state.merge.lastIterationFoundNewProgram = false;
  const accepted = (await reflectiveStep(context)) === 'accepted';
  if (accepted && settings.useMerge) {
    state.merge.lastIterationFoundNewProgram = true;
    if (state.merge.tested < settings.maxMergeInvocations) state.merge.due += 1;
  }
  return accepted;
}

/**
 * Runs GEPA (Agrawal et al., arXiv 2507.19457): evolves the seed candidate's text components by
 * reflective mutation on minibatches, keeps every accepted candidate with its per-instance
 * validation scores, samples parents from the per-instance Pareto front, optionally merges
 * complementary candidates, and stops on the first stop condition. With `runDir` the state is
 * saved after every iteration and a later call on the same directory resumes it.
 */
export async function optimize<Example, Output = unknown, Trajectory = unknown>(
  options: GEPAOptimizeOptions<Example, Output, Trajectory>,
): Promise<GEPAResult> {
  const settings = resolveSettings(options);
  const deadline = options.timeoutMs === undefined ? undefined : Date.now() + options.timeoutMs;
  const trainset = options.trainset;
  const valset = options.valset ?? options.trainset;
  const fresh = createInitialState(options.seedCandidate, trainset.length, valset.length, settings.seed);
  const saved = options.runDir === undefined ? undefined : loadState(options.runDir);
  if (saved) checkResumable(saved, fresh);
  const state = saved ?? fresh;
  const random = SeededRandom.fromState(state.randomState);
  const context = new RunContext(options, settings, state, random, trainset, valset);
  const persist = (): void => {
    state.randomState = random.state;
    if (options.runDir !== undefined) saveState(options.runDir, state);
  };

  context.emit({
    type: 'optimization-start',
    resumed: saved !== undefined,
    iteration: state.iteration,
    totalMetricCalls: state.totalMetricCalls,
    ...(settings.maxMetricCalls === undefined ? {} : { maxMetricCalls: settings.maxMetricCalls }),
  });

  if (state.candidates.length === 0) {
    if (settings.maxMetricCalls !== undefined && settings.maxMetricCalls < valset.length) {
      throw new GEPAError(
        'gepa_budget_too_small',
        `maxMetricCalls (${settings.maxMetricCalls}) cannot cover the seed's validation run (${valset.length} calls)`,
      );
    }
    const allInstances = valset.map((_, index) => index);
    let seedScores: number[];
    try {
      seedScores = (
        await context.evaluate('val', allInstances, options.seedCandidate, false, { failWhenAllFail: true })
      ).scores;
    } catch (error) {
      if (error instanceof StopRun) throw new GEPAError('gepa_aborted', 'Aborted before the seed was evaluated');
      throw error;
    }
    addCandidate(state, options.seedCandidate, [], seedScores, 0);
    context.emit({
      type: 'valset-evaluated',
      iteration: 0,
      candidateIndex: 0,
      parentIndices: [],
      aggregateScore: state.valAggregateScores[0] ?? 0,
      subscores: seedScores,
      isBest: true,
    });
    persist();
  }

  let reason = stopReason(options, settings, state, deadline);
  while (reason === undefined) {
    state.iteration += 1;
    context.emit({ type: 'iteration-start', iteration: state.iteration, totalMetricCalls: state.totalMetricCalls });
    let accepted = false;
    try {
      accepted = await runIteration(context);
    } catch (error) {
      if (!(error instanceof StopRun)) throw error;
      reason = error.reason;
    }
    persist();
    context.emit({ type: 'iteration-end', iteration: state.iteration, accepted });
    reason ??= stopReason(options, settings, state, deadline);
  }

  // The state was saved after the seed evaluation and after every iteration: nothing left to write.
  const bestIndex = indexOfMax(state.valAggregateScores);
  context.emit({
    type: 'optimization-end',
    reason,
    iteration: state.iteration,
    totalMetricCalls: state.totalMetricCalls,
    bestIndex,
    bestScore: state.valAggregateScores[bestIndex] ?? 0,
  });
  return GEPAResult.fromState(state, reason);
}
