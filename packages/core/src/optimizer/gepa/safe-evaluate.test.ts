import { describe, expect, it } from 'vitest';
import { safeEvaluate } from './safe-evaluate';
import type { GEPAAdapter } from './types';

function recordingAdapter(options: { failOn?: number; delayMs?: number } = {}) {
  const calls: number[][] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const adapter: GEPAAdapter<number, string, number> = {
    async evaluate(batch) {
      calls.push(batch);
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      inFlight -= 1;
      if (batch.includes(options.failOn ?? -1)) throw new Error(`example ${options.failOn} crashed`);
      return { outputs: batch.map(String), scores: batch.map((value) => value / 10), trajectories: batch };
    },
    makeReflectiveDataset: () => ({}),
  };
  return { adapter, calls, maxInFlight: () => maxInFlight };
}

describe('safeEvaluate', () => {
  it('hands the whole batch to the adapter at concurrency 1', async () => {
    const { adapter, calls } = recordingAdapter();
    const { evaluation, errors } = await safeEvaluate(adapter, [1, 2, 3], {}, true, 1);
    expect(calls).toEqual([[1, 2, 3]]);
    expect(evaluation).toEqual({ outputs: ['1', '2', '3'], scores: [0.1, 0.2, 0.3], trajectories: [1, 2, 3] });
    expect(errors).toEqual([]);
  });

  it('counts the examples whose evaluation failed', async () => {
    expect((await safeEvaluate(recordingAdapter({ failOn: 2 }).adapter, [1, 2, 3], {}, false, 1)).failedExamples).toBe(
      3,
    );
    expect((await safeEvaluate(recordingAdapter({ failOn: 2 }).adapter, [1, 2, 3], {}, false, 2)).failedExamples).toBe(
      1,
    );
  });

  it('scores the whole batch 0 when evaluate throws, and reports the error', async () => {
    const { adapter } = recordingAdapter({ failOn: 2 });
    const { evaluation, errors } = await safeEvaluate(adapter, [1, 2, 3], {}, false, 1);
    expect(evaluation.scores).toEqual([0, 0, 0]);
    expect(errors).toEqual(['Error: example 2 crashed']);
  });

  it('runs one-example calls up to the concurrency, in order, isolating failures', async () => {
    const { adapter, calls, maxInFlight } = recordingAdapter({ failOn: 4, delayMs: 5 });
    const { evaluation, errors } = await safeEvaluate(adapter, [1, 2, 3, 4, 5, 6, 7], {}, true, 3);
    expect(calls).toHaveLength(7);
    expect(maxInFlight()).toBe(3);
    expect(evaluation.scores).toEqual([0.1, 0.2, 0.3, 0, 0.5, 0.6, 0.7]);
    expect(evaluation.outputs).toEqual(['1', '2', '3', undefined, '5', '6', '7']);
    expect(errors).toHaveLength(1);
  });

  it('treats a malformed batch as failed and non-finite scores as 0', async () => {
    const short: GEPAAdapter<number> = {
      evaluate: () => ({ outputs: [1], scores: [1] }),
      makeReflectiveDataset: () => ({}),
    };
    const malformed = await safeEvaluate(short, [1, 2], {}, false, 1);
    expect(malformed.evaluation.scores).toEqual([0, 0]);
    expect(malformed.errors[0]).toMatch(/1 scores for 2 examples/);
    const notANumber: GEPAAdapter<number> = {
      evaluate: () => ({ outputs: [1, 2], scores: [Number.NaN, 0.5] }),
      makeReflectiveDataset: () => ({}),
    };
    expect((await safeEvaluate(notANumber, [1, 2], {}, false, 1)).evaluation.scores).toEqual([0, 0.5]);
  });
});
