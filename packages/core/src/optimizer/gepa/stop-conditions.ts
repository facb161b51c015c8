import { bestScore } from './state';
import type { GEPAStopCondition } from './types';

/** Stops once `limit` metric calls are spent (the engine also never starts an evaluation past it). */
export const maxMetricCallsReached =
  (limit: number): GEPAStopCondition =>
  (state) =>
    state.totalMetricCalls >= limit;

/** Stops `milliseconds` after the predicate was created. */
export function timeoutReached(milliseconds: number, now: () => number = Date.now): GEPAStopCondition {
  const deadline = now() + milliseconds;
  return () => now() >= deadline;
}

/** Stops after `iterations` iterations without a better best validation score. */
export const noImprovementFor =
  (iterations: number): GEPAStopCondition =>
  (state) =>
    state.iteration - state.lastImprovementIteration >= iterations;

/** Stops once the best validation score reaches `threshold`. */
export const scoreThresholdReached =
  (threshold: number): GEPAStopCondition =>
  (state) =>
    bestScore(state) >= threshold;

export const abortSignalTriggered =
  (signal: AbortSignal): GEPAStopCondition =>
  () =>
    signal.aborted;

/** Stops after `iterations` iterations in total (counting those of earlier, resumed runs). */
export const maxIterationsReached =
  (iterations: number): GEPAStopCondition =>
  (state) =>
    state.iteration >= iterations;

/** Stops when any of the predicates does. */
export const anyOf =
  (...conditions: GEPAStopCondition[]): GEPAStopCondition =>
  (state) =>
    conditions.some((condition) => condition(state));
