import { z } from 'zod';
import { indexOfMax } from './pareto';
import type { GEPAState } from './state-schema';
import type { GEPACandidate, GEPAStopReason } from './types';

const stopReasonSchema = z.enum([
  'max-metric-calls',
  'timeout',
  'no-improvement',
  'score-threshold',
  'aborted',
  'stop-file',
  'stop-condition',
  'reflection-errors',
]);

export const gepaResultSchema = z.object({
  candidates: z.array(z.record(z.string(), z.string())),
  parents: z.array(z.array(z.number().int())),
  valAggregateScores: z.array(z.number()),
  valSubscores: z.array(z.array(z.number())),
  paretoFront: z.array(z.object({ score: z.number(), candidates: z.array(z.number().int()) })),
  bestIndex: z.number().int(),
  totalMetricCalls: z.number().int(),
  discoveryBudgets: z.array(z.number().int()),
  numFullValEvals: z.number().int(),
  iterations: z.number().int(),
  failedProposals: z.number().int(),
  evaluationErrors: z.number().int(),
  stopReason: stopReasonSchema,
});

export type GEPAResultJson = z.infer<typeof gepaResultSchema>;

/** What `optimize` returns: the candidate pool, its lineage and scores, and the best candidate. */
export class GEPAResult {
  readonly candidates: GEPACandidate[];
  /** Parent indices per candidate (`[]` for the seed, two for a merge). */
  readonly parents: number[][];
  readonly valAggregateScores: number[];
  /** Per-instance validation scores per candidate. */
  readonly valSubscores: number[][];
  /** Per validation instance: the best score and every candidate achieving it. */
  readonly paretoFront: Array<{ score: number; candidates: number[] }>;
  readonly bestIndex: number;
  readonly totalMetricCalls: number;
  /** Metric calls spent when each candidate was discovered. */
  readonly discoveryBudgets: number[];
  readonly numFullValEvals: number;
  readonly iterations: number;
  readonly failedProposals: number;
  readonly evaluationErrors: number;
  readonly stopReason: GEPAStopReason;

  constructor(json: GEPAResultJson) {
    this.candidates = json.candidates;
    this.parents = json.parents;
    this.valAggregateScores = json.valAggregateScores;
    this.valSubscores = json.valSubscores;
    this.paretoFront = json.paretoFront;
    this.bestIndex = json.bestIndex;
    this.totalMetricCalls = json.totalMetricCalls;
    this.discoveryBudgets = json.discoveryBudgets;
    this.numFullValEvals = json.numFullValEvals;
    this.iterations = json.iterations;
    this.failedProposals = json.failedProposals;
    this.evaluationErrors = json.evaluationErrors;
    this.stopReason = json.stopReason;
  }

  get bestCandidate(): GEPACandidate {
    return this.candidates[this.bestIndex] as GEPACandidate;
  }

  get bestScore(): number {
    return this.valAggregateScores[this.bestIndex] as number;
  }

  static fromState(state: Readonly<GEPAState>, stopReason: GEPAStopReason): GEPAResult {
    return new GEPAResult({
      candidates: state.candidates.map((candidate) => ({ ...candidate })),
      parents: state.parents.map((parents) => [...parents]),
      valAggregateScores: [...state.valAggregateScores],
      valSubscores: state.valSubscores.map((scores) => [...scores]),
      paretoFront: state.paretoFrontScores.map((score, instance) => ({
        score,
        candidates: [...(state.paretoFrontPrograms[instance] ?? [])],
      })),
      bestIndex: indexOfMax(state.valAggregateScores),
      totalMetricCalls: state.totalMetricCalls,
      discoveryBudgets: [...state.discoveryBudgets],
      numFullValEvals: state.numFullValEvals,
      iterations: state.iteration,
      failedProposals: state.failedProposals,
      evaluationErrors: state.evaluationErrors.length,
      stopReason,
    });
  }

  static fromJSON(json: unknown): GEPAResult {
    return new GEPAResult(gepaResultSchema.parse(json));
  }

  toJSON(): GEPAResultJson & { bestCandidate: GEPACandidate; bestScore: number } {
    return {
      candidates: this.candidates,
      parents: this.parents,
      valAggregateScores: this.valAggregateScores,
      valSubscores: this.valSubscores,
      paretoFront: this.paretoFront,
      bestIndex: this.bestIndex,
      bestCandidate: this.bestCandidate,
      bestScore: this.bestScore,
      totalMetricCalls: this.totalMetricCalls,
      discoveryBudgets: this.discoveryBudgets,
      numFullValEvals: this.numFullValEvals,
      iterations: this.iterations,
      failedProposals: this.failedProposals,
      evaluationErrors: this.evaluationErrors,
      stopReason: this.stopReason,
    };
  }
}
