import type { TokenUsage } from '../protocol/usage';
import type { WorkflowLimits } from './workflow-limits';

/** What a stop condition sees between iterations. */
export interface LoopState {
  iterations: number;
  replans: number;
  /** Why the planner must re-plan now, if it must. */
  replanReason: string | undefined;
  limits: WorkflowLimits;
  /** Tokens used by the run so far (all roles). */
  usage: TokenUsage;
}

export interface StopDecision {
  /** Every stop condition ends the run as limit-reached; cancellation and faults are handled apart. */
  status: 'limit-reached';
  error: string;
  /** Heading of the final answer assembled from the results so far. */
  heading: string;
}

/** A composable stopping rule: returns a decision to stop, or undefined to go on. */
export type StopCondition = (state: LoopState) => StopDecision | undefined;

export const maxIterationsReached: StopCondition = ({ iterations, limits }) =>
  iterations >= limits.maxIterations
    ? {
        status: 'limit-reached',
        error: `stopped after ${limits.maxIterations} iterations`,
        heading: 'Stopped at the iteration limit. Results so far:',
      }
    : undefined;

export const maxReplansExceeded: StopCondition = ({ replans, replanReason, limits }) =>
  replans > limits.maxReplans
    ? {
        status: 'limit-reached',
        error: `gave up after ${limits.maxReplans} re-plans (last: ${replanReason ?? 'unknown'})`,
        heading: 'Stopped after too many re-plans. Results so far:',
      }
    : undefined;

/** The default rules, checked in order before every batch of tasks. */
export const DEFAULT_STOP_CONDITIONS: StopCondition[] = [maxReplansExceeded, maxIterationsReached];

export function firstStop(conditions: StopCondition[], state: LoopState): StopDecision | undefined {
  for (const condition of conditions) {
    const decision = condition(state);
    if (decision) return decision;
  }
  return undefined;
}
