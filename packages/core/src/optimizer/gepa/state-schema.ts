import { z } from 'zod';

const indexList = z.array(z.number().int().nonnegative());

/** The epoch-shuffled minibatch sampler's position. */
export const samplerStateSchema = z.object({
  order: indexList,
  position: z.number().int().nonnegative(),
  epoch: z.number().int(),
});

/** Merge scheduling and the merges already tried (never repeated). */
export const mergeStateSchema = z.object({
  due: z.number().int().nonnegative(),
  tested: z.number().int().nonnegative(),
  lastIterationFoundNewProgram: z.boolean(),
  triedTriplets: z.array(z.tuple([z.number().int(), z.number().int(), z.number().int()])),
  triedDescriptions: z.array(z.string()),
});

/**
 * Everything a run needs to continue exactly where it stopped. Persisted as `gepa_state.json` in
 * the run directory after every iteration. Candidate `k`'s data sits at index `k` of every list.
 */
export const gepaStateSchema = z.object({
  version: z.literal(1),
  componentNames: z.array(z.string()).min(1),
  trainsetSize: z.number().int().nonnegative(),
  valsetSize: z.number().int().positive(),
  candidates: z.array(z.record(z.string(), z.string())),
  parents: z.array(indexList),
  valSubscores: z.array(z.array(z.number())),
  valAggregateScores: z.array(z.number()),
  /** Best score per validation instance. */
  paretoFrontScores: z.array(z.number()),
  /** Candidates achieving that best score, per validation instance (ties kept). */
  paretoFrontPrograms: z.array(indexList),
  /** Metric calls spent when each candidate was discovered. */
  discoveryBudgets: z.array(z.number().int().nonnegative()),
  /** Round-robin pointer: the component each candidate will update next. */
  nextComponentIndex: indexList,
  iteration: z.number().int().nonnegative(),
  totalMetricCalls: z.number().int().nonnegative(),
  numFullValEvals: z.number().int().nonnegative(),
  randomState: z.number().int().nonnegative(),
  sampler: samplerStateSchema,
  merge: mergeStateSchema,
  lastImprovementIteration: z.number().int().nonnegative(),
  failedProposals: z.number().int().nonnegative(),
  /** Reflection calls that threw in a row; the run stops at `maxConsecutiveReflectionErrors`. */
  consecutiveReflectionErrors: z.number().int().nonnegative(),
  evaluationErrors: z.array(z.object({ iteration: z.number().int(), message: z.string() })),
});

export type GEPAState = z.infer<typeof gepaStateSchema>;
export type SamplerState = z.infer<typeof samplerStateSchema>;
export type MergeState = z.infer<typeof mergeStateSchema>;
