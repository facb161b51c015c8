import type { LanguageModel } from '../../llm/types';
import type { GEPAState } from './state-schema';

/** A candidate program: component name → text (e.g. `{ planner: '…', actor: '…' }`). */
export type GEPACandidate = Record<string, string>;

/** What an adapter returns for one batch: one output and one score per example, in order. */
export interface EvaluationBatch<Output = unknown, Trajectory = unknown> {
  outputs: Output[];
  scores: number[];
  /** Per-example execution traces, when `captureTraces` was requested. */
  trajectories?: Trajectory[];
}

/** One record of a reflective dataset, rendered as markdown into the reflection prompt. */
export interface ReflectiveRecord {
  Inputs: unknown;
  'Generated Outputs': unknown;
  Feedback: string;
  [key: string]: unknown;
}

export type ReflectiveDataset = Record<string, ReflectiveRecord[]>;

export interface GEPAEvaluateContext {
  signal?: AbortSignal;
}

/**
 * Connects the optimizer to the system being optimised. `evaluate` must score a failing example
 * (typically 0) rather than throw; if it throws anyway, the whole batch scores 0 and the error is
 * recorded in the state.
 */
export interface GEPAAdapter<Example = unknown, Output = unknown, Trajectory = unknown> {
  evaluate(
    batch: Example[],
    candidate: GEPACandidate,
    captureTraces: boolean,
    context?: GEPAEvaluateContext,
  ): Promise<EvaluationBatch<Output, Trajectory>> | EvaluationBatch<Output, Trajectory>;
  makeReflectiveDataset(
    candidate: GEPACandidate,
    evaluation: EvaluationBatch<Output, Trajectory>,
    componentsToUpdate: string[],
  ): Promise<ReflectiveDataset> | ReflectiveDataset;
  /** Replaces the default reflection-model proposal step when present. */
  proposeNewTexts?(
    candidate: GEPACandidate,
    reflectiveDataset: ReflectiveDataset,
    componentsToUpdate: string[],
  ): Promise<Record<string, string>> | Record<string, string>;
}

/** A reflection model: a LanguageModel, or any async prompt → text function. */
export type ReflectionModel = LanguageModel | ((prompt: string) => Promise<string>);

/** Stops the run when it returns true; checked before every iteration. */
export type GEPAStopCondition = (state: Readonly<GEPAState>) => boolean;

export type CandidateSelection = 'pareto' | 'current-best' | 'epsilon-greedy';
export type ComponentSelection = 'round-robin' | 'all';

export type GEPAStopReason =
  | 'max-metric-calls'
  | 'timeout'
  | 'no-improvement'
  | 'score-threshold'
  | 'aborted'
  | 'stop-file'
  | 'stop-condition'
  | 'reflection-errors';

/** Progress events, in the order they happen; `iteration` is 0 for the seed evaluation. */
export type GEPAEvent =
  | {
      type: 'optimization-start';
      resumed: boolean;
      iteration: number;
      totalMetricCalls: number;
      maxMetricCalls?: number;
    }
  | { type: 'iteration-start'; iteration: number; totalMetricCalls: number }
  | { type: 'candidate-selected'; iteration: number; candidateIndex: number; score: number }
  | {
      type: 'proposal-skipped';
      iteration: number;
      parentIndex: number;
      reason:
        | 'perfect-score'
        | 'evaluation-failed'
        | 'no-change'
        | 'invalid-output'
        | 'reflection-error'
        | 'reflective-dataset-error';
      detail?: string;
    }
  | {
      type: 'candidate-proposed';
      iteration: number;
      parentIndex: number;
      components: string[];
      candidate: GEPACandidate;
    }
  | {
      type: 'candidate-accepted';
      iteration: number;
      candidateIndex: number;
      parentIndices: number[];
      scoreBefore: number;
      scoreAfter: number;
    }
  | {
      type: 'candidate-rejected';
      iteration: number;
      parentIndices: number[];
      scoreBefore: number;
      scoreAfter: number;
      reason: string;
    }
  | { type: 'merge-attempted'; iteration: number; parentIndices: [number, number]; ancestorIndex: number }
  | {
      type: 'merge-accepted';
      iteration: number;
      candidateIndex: number;
      parentIndices: [number, number];
      scoreAfter: number;
    }
  | {
      type: 'merge-rejected';
      iteration: number;
      parentIndices: [number, number];
      scoreAfter: number;
      parentScores: [number, number];
    }
  | {
      type: 'valset-evaluated';
      iteration: number;
      candidateIndex: number;
      parentIndices: number[];
      aggregateScore: number;
      subscores: number[];
      isBest: boolean;
    }
  | { type: 'budget'; iteration: number; totalMetricCalls: number; delta: number; remaining?: number }
  | { type: 'evaluation-error'; iteration: number; message: string }
  | { type: 'iteration-end'; iteration: number; accepted: boolean }
  | {
      type: 'optimization-end';
      reason: GEPAStopReason;
      iteration: number;
      totalMetricCalls: number;
      bestIndex: number;
      bestScore: number;
    };

export interface GEPAOptimizeOptions<Example = unknown, Output = unknown, Trajectory = unknown> {
  seedCandidate: GEPACandidate;
  trainset: Example[];
  /** Defaults to the trainset. */
  valset?: Example[];
  adapter: GEPAAdapter<Example, Output, Trajectory>;
  /** Required unless the adapter implements `proposeNewTexts`. */
  reflectionModel?: ReflectionModel;
  /** Custom reflection prompt; must contain `<curr_param>` and `<side_info>`. */
  reflectionPromptTemplate?: string;

  /** Hard budget in metric calls (one example evaluated once); never exceeded. */
  maxMetricCalls?: number;
  /** Wall-clock limit for this call of `optimize`, checked between iterations. */
  timeoutMs?: number;
  /** Stop after this many iterations without a better best validation score. */
  noImprovementIterations?: number;
  /** Stop once the best validation score reaches this value. */
  scoreThreshold?: number;
  signal?: AbortSignal;
  /** Stop after this many reflection-model failures in a row (default 3), e.g. the model server is down. */
  maxConsecutiveReflectionErrors?: number;
  /** Extra stop predicates; the run stops when any returns true. */
  stopWhen?: GEPAStopCondition | GEPAStopCondition[];

  /** Examples per reflective minibatch (default 3). */
  reflectionMinibatchSize?: number;
  candidateSelection?: CandidateSelection;
  /** Exploration rate of `epsilon-greedy` (default 0.1). */
  epsilon?: number;
  componentSelection?: ComponentSelection;
  useMerge?: boolean;
  maxMergeInvocations?: number;
  /** Examples in a merge's subsample evaluation (default 5). */
  mergeSubsampleSize?: number;
  /** Skip reflection when the parent scores perfectly on the whole minibatch (default true). */
  skipPerfectScore?: boolean;
  perfectScore?: number;
  /** PRNG seed (default 0). */
  seed?: number;
  /** Directory for `gepa_state.json` (resume) and the `gepa.stop` file. */
  runDir?: string;
  /** Examples evaluated in parallel (default 1: the adapter gets whole batches). */
  concurrency?: number;
  onEvent?: (event: GEPAEvent) => void;
}
