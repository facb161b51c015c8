import { GEPAError } from './gepa-error';
import { safeEvaluate } from './safe-evaluate';
import type { SeededRandom } from './seeded-random';
import type { EngineSettings } from './settings';
import type { GEPAState } from './state-schema';
import type { EvaluationBatch, GEPACandidate, GEPAEvent, GEPAOptimizeOptions, GEPAStopReason } from './types';

/** Thrown inside an iteration to end the run at once (budget spent, abort signal). */
export class StopRun extends Error {
  constructor(readonly reason: GEPAStopReason) {
    super(`GEPA run stopped: ${reason}`);
  }
}

/** What the iteration steps share: state, PRNG, settings, data and the budgeted evaluator. */
export class RunContext<Example, Output, Trajectory> {
  /** Examples of the latest evaluation that scored 0 because their evaluation failed. */
  lastFailedExamples = 0;

  constructor(
    readonly options: GEPAOptimizeOptions<Example, Output, Trajectory>,
    readonly settings: EngineSettings,
    readonly state: GEPAState,
    readonly random: SeededRandom,
    readonly trainset: Example[],
    readonly valset: Example[],
  ) {}

  emit(event: GEPAEvent): void {
    this.options.onEvent?.(event);
  }

  /** Stops the run if the abort signal fired while awaiting. */
  checkAborted(): void {
    if (this.options.signal?.aborted) throw new StopRun('aborted');
  }

  remainingBudget(): number | undefined {
    const limit = this.settings.maxMetricCalls;
    return limit === undefined ? undefined : limit - this.state.totalMetricCalls;
  }

  /**
   * Evaluates `candidate` on the given examples, counting one metric call per example. Never
   * exceeds the budget: when the evaluation would, the run stops before calling the adapter.
   */
  async evaluate(
    split: 'train' | 'val',
    indices: readonly number[],
    candidate: GEPACandidate,
    captureTraces: boolean,
    options: { failWhenAllFail?: boolean } = {},
  ): Promise<EvaluationBatch<Output, Trajectory>> {
    const remaining = this.remainingBudget();
    if (remaining !== undefined && indices.length > remaining) throw new StopRun('max-metric-calls');
    this.checkAborted();
    const source = split === 'train' ? this.trainset : this.valset;
    const batch = indices.map((index) => source[index] as Example);
    const signal = this.options.signal;
    const { evaluation, errors, failedExamples } = await safeEvaluate(
      this.options.adapter,
      batch,
      candidate,
      captureTraces,
      this.settings.concurrency,
      signal ? { signal } : {},
    );
    this.state.totalMetricCalls += indices.length;
    this.lastFailedExamples = failedExamples;
    this.emit({
      type: 'budget',
      iteration: this.state.iteration,
      totalMetricCalls: this.state.totalMetricCalls,
      delta: indices.length,
      ...(this.remainingBudget() === undefined ? {} : { remaining: this.remainingBudget() }),
    });
    for (const message of errors) {
      this.state.evaluationErrors.push({ iteration: this.state.iteration, message: message.slice(0, 500) });
      this.emit({ type: 'evaluation-error', iteration: this.state.iteration, message });
    }
    this.checkAborted();
    if (options.failWhenAllFail && indices.length > 0 && failedExamples === indices.length) {
      throw new GEPAError(
        'gepa_seed_evaluation_failed',
        `Every evaluation of the seed candidate failed; first error: ${errors[0] ?? 'unknown'}`,
      );
    }
    return evaluation;
  }
}

export function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
