import type { EvaluationBatch, GEPAAdapter, GEPACandidate, GEPAEvaluateContext } from './types';

export interface SafeEvaluation<Output, Trajectory> {
  evaluation: EvaluationBatch<Output, Trajectory>;
  /** Messages of evaluations that threw or returned a malformed batch (those examples score 0). */
  errors: string[];
  /** How many examples scored 0 because their evaluation failed. */
  failedExamples: number;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

async function evaluateChunk<Example, Output, Trajectory>(
  adapter: GEPAAdapter<Example, Output, Trajectory>,
  chunk: Example[],
  candidate: GEPACandidate,
  captureTraces: boolean,
  context: GEPAEvaluateContext,
): Promise<{ evaluation: EvaluationBatch<Output, Trajectory>; error?: string }> {
  const zeroes = (): EvaluationBatch<Output, Trajectory> => ({
    outputs: chunk.map(() => undefined as Output),
    scores: chunk.map(() => 0),
  });
  try {
    const evaluation = await adapter.evaluate(chunk, candidate, captureTraces, context);
    if (evaluation.scores.length !== chunk.length || evaluation.outputs.length !== chunk.length) {
      return {
        evaluation: zeroes(),
        error: `evaluate returned ${evaluation.scores.length} scores for ${chunk.length} examples`,
      };
    }
    const scores = evaluation.scores.map((score) => (Number.isFinite(score) ? score : 0));
    return { evaluation: { ...evaluation, scores } };
  } catch (error) {
    return { evaluation: zeroes(), error: describe(error) };
  }
}

/**
 * Evaluates `batch` without ever throwing: a batch whose evaluation throws scores 0 on every
 * example and the error is reported. With `concurrency` > 1 the batch is split into one-example
 * calls run up to `concurrency` at a time (so a failure only zeroes its own example); otherwise
 * the adapter receives the whole batch in one call.
 */
export async function safeEvaluate<Example, Output, Trajectory>(
  adapter: GEPAAdapter<Example, Output, Trajectory>,
  batch: Example[],
  candidate: GEPACandidate,
  captureTraces: boolean,
  concurrency: number,
  context: GEPAEvaluateContext = {},
): Promise<SafeEvaluation<Output, Trajectory>> {
  const chunks = concurrency > 1 ? batch.map((example) => [example]) : [batch];
  const results: Array<{ evaluation: EvaluationBatch<Output, Trajectory>; error?: string }> = [];
  let nextChunk = 0;
  const worker = async (): Promise<void> => {
    while (nextChunk < chunks.length) {
      const index = nextChunk++;
      results[index] = await evaluateChunk(adapter, chunks[index] as Example[], candidate, captureTraces, context);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), chunks.length) }, worker));

  const evaluation: EvaluationBatch<Output, Trajectory> = { outputs: [], scores: [] };
  const trajectories: Trajectory[] = [];
  let hasTrajectories = false;
  const errors: string[] = [];
  let failedExamples = 0;
  for (const result of results) {
    evaluation.outputs.push(...result.evaluation.outputs);
    evaluation.scores.push(...result.evaluation.scores);
    if (result.evaluation.trajectories) {
      hasTrajectories = true;
      trajectories.push(...result.evaluation.trajectories);
    } else {
      trajectories.push(...result.evaluation.outputs.map(() => undefined as Trajectory));
    }
    if (result.error) {
      errors.push(result.error);
      failedExamples += result.evaluation.scores.length;
    }
  }
  if (hasTrajectories) evaluation.trajectories = trajectories;
  return { evaluation, errors, failedExamples };
}
