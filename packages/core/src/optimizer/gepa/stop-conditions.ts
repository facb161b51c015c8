import { bestScore } from './state';
import type { GepaStopCondition } from './types';

/** Stops once `limit` metric calls are spent (the engine also never starts an evaluation past it). */
export const maxMetricCallsReached =
  (limit: number): GepaStopCondition =>
  (state) =>
    state.totalMetricCalls >= limit;

/** Stops `milliseconds` after the predicate was created. */
export function timeoutReached(milliseconds: number, now: () => number = Date.now): GepaStopCondition {
  const deadline = now() + milliseconds;
  return () => now() >= deadline;
}

/** Stops after `iterations` iterations without a better best validation score. */
export const noImprovementFor =
  (iterations: number): GepaStopCondition =>
  (state) =>
    state.iteration - state.lastImprovementIteration >= iterations;

/** Stops once the best validation score reaches `threshold`. */
export const scoreThresholdReached =
  (threshold: number): GepaStopCondition =>
  (state) =>
    bestScore(state) >= threshold;

export const abortSignalTriggered =
  (signal: AbortSignal): GepaStopCondition =>
  () =>
    signal.aborted;

/** Stops after `iterations` iterations in total (counting those of earlier, resumed runs). */
export const maxIterationsReached =
  (iterations: number): GepaStopCondition =>
  (state) =>
    state.iteration >= iterations;

/** Stops when any of the predicates does. */
export const anyOf =
  (...conditions: GepaStopCondition[]): GepaStopCondition =>
  (state) =>
    conditions.some((condition) => condition(state));
