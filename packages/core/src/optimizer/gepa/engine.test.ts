import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScriptedModel } from '../../testing/scripted-model';
import { optimize } from './engine';
import { GEPAError } from './gepa-error';
import { GEPAResult } from './result';
import { stateFileName, stopFileName } from './state-store';
import { maxIterationsReached } from './stop-conditions';
import type { EvaluationBatch, GEPAAdapter, GEPACandidate, GEPAEvent, ReflectiveDataset } from './types';

/** Keyword task: an example passes when its component's text contains its keyword. */
interface KeywordExample {
  component: string;
  keyword: string;
}
interface KeywordTrace {
  example: KeywordExample;
  score: number;
}

function keywordAdapter(options: { throwOn?: string } = {}) {
  const counter = { examples: 0 };
  const adapter: GEPAAdapter<KeywordExample, string, KeywordTrace> = {
    evaluate(batch, candidate) {
      counter.examples += batch.length;
      if (options.throwOn && Object.values(candidate).some((text) => text.includes(options.throwOn as string))) {
        throw new Error('simulated crash');
      }
      const scores = batch.map((example) => ((candidate[example.component] ?? '').includes(example.keyword) ? 1 : 0));
      return {
        outputs: scores.map((score) => (score ? 'ok' : 'wrong')),
        scores,
        trajectories: batch.map((example, index) => ({ example, score: scores[index] ?? 0 })),
      };
    },
    makeReflectiveDataset(_candidate, evaluation, components) {
      const dataset: ReflectiveDataset = {};
      for (const component of components) {
        dataset[component] = (evaluation.trajectories ?? [])
          .filter((trace) => trace.example.component === component)
          .map((trace) => ({
            Inputs: { component },
            'Generated Outputs': trace.score ? 'ok' : 'wrong',
            Feedback: trace.score ? 'Correct.' : `Missing keyword: ${trace.example.keyword}`,
          }));
      }
      return dataset;
    },
  };
  return { adapter, counter };
}

/**
 * Reflection: adds the first missing keyword named in the feedback to the current text, which holds
 * at most two keywords (the oldest is dropped), so candidates trade instances off against each other.
 */
async function keywordReflection(prompt: string): Promise<string> {
  const current = /```\n([\s\S]*?)\n```/.exec(prompt)?.[1] ?? '';
  const missing = /Missing keyword: (\w+)/.exec(prompt)?.[1];
  if (!missing) return `\`\`\`\n${current}\n\`\`\``;
  const [prefix = '', ...keywords] = current.split(' | ');
  return `New instruction:\n\`\`\`\n${[prefix, ...[...keywords, missing].slice(-2)].join(' | ')}\n\`\`\``;
}

const keywordExamples: KeywordExample[] = [
  { component: 'a', keyword: 'alpha' },
  { component: 'a', keyword: 'beta' },
  { component: 'b', keyword: 'gamma' },
  { component: 'b', keyword: 'delta' },
  { component: 'a', keyword: 'epsilon' },
  { component: 'b', keyword: 'zeta' },
  { component: 'a', keyword: 'omega' },
  { component: 'b', keyword: 'theta' },
];

function temporaryDirectory(): string {
  return mkdtempSync(join(tmpdir(), 'gepa-engine-'));
}

describe('optimize: acceptance', () => {
  // Scores per candidate text on the three examples.
  const table: Record<string, number[]> = { v0: [0.5, 0, 1], v1: [1, 0.5, 0], v2: [1, 0.5, 0.5] };
  const adapter: GEPAAdapter<number, number, number> = {
    evaluate: (batch, candidate) => {
      const scores = batch.map((index) => table[candidate.text as string]?.[index] ?? 0);
      return { outputs: scores, scores, trajectories: scores };
    },
    makeReflectiveDataset: (_candidate, evaluation: EvaluationBatch<number, number>) => ({
      text: evaluation.scores.map((score) => ({ Inputs: 'x', 'Generated Outputs': score, Feedback: 'improve' })),
    }),
  };

  it('rejects an equal minibatch sum and accepts a strictly greater one, then evaluates it on the valset', async () => {
    const replies = ['```\nv1\n```', '```\nv2\n```'];
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate: { text: 'v0' },
      trainset: [0, 1, 2],
      adapter,
      reflectionModel: async () => replies.shift() ?? '',
      stopWhen: maxIterationsReached(2),
      onEvent: (event) => events.push(event),
    });
    expect(result.candidates).toEqual([{ text: 'v0' }, { text: 'v2' }]);
    expect(result.parents).toEqual([[], [0]]);
    expect(result.valAggregateScores).toEqual([0.5, 2 / 3]);
    expect(result.valSubscores).toEqual([table.v0, table.v2]);
    expect(result.paretoFront).toEqual([
      { score: 1, candidates: [1] },
      { score: 0.5, candidates: [1] },
      { score: 1, candidates: [0] },
    ]);
    // seed valset 3 + iteration 1 (3 + 3) + iteration 2 (3 + 3 + valset 3)
    expect(result.totalMetricCalls).toBe(18);
    expect(result.discoveryBudgets).toEqual([0, 15]);
    expect(result.numFullValEvals).toBe(2);
    expect(result.bestIndex).toBe(1);
    expect(result.bestCandidate).toEqual({ text: 'v2' });
    const rejected = events.find((event) => event.type === 'candidate-rejected');
    expect(rejected).toMatchObject({ scoreBefore: 1.5, scoreAfter: 1.5, parentIndices: [0] });
    expect(events.find((event) => event.type === 'candidate-accepted')).toMatchObject({
      candidateIndex: 1,
      scoreBefore: 1.5,
      scoreAfter: 2,
    });
  });

  it('never adopts a truncated or empty reflection answer', async () => {
    const answers = ['```\nv2 but cut off', '```\n```', 'no fence at all v2'];
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate: { text: 'v0' },
      trainset: [0, 1, 2],
      adapter,
      reflectionModel: async () => answers.shift() ?? '',
      stopWhen: maxIterationsReached(3),
      onEvent: (event) => events.push(event),
    });
    expect(result.candidates).toEqual([{ text: 'v0' }]);
    expect(result.failedProposals).toBe(3);
    expect(events.filter((event) => event.type === 'candidate-proposed')).toHaveLength(0);
    expect(events.filter((event) => event.type === 'proposal-skipped').map((event) => event.type)).toHaveLength(3);
  });

  it('stops after three reflection failures in a row, but survives a single one', async () => {
    const down = await optimize({
      seedCandidate: { text: 'v0' },
      trainset: [0, 1, 2],
      adapter,
      reflectionModel: async () => {
        throw new Error('connection refused');
      },
      maxMetricCalls: 100,
    });
    expect(down.stopReason).toBe('reflection-errors');
    expect(down.iterations).toBe(3);
    expect(down.failedProposals).toBe(3);

    const answers: Array<() => string> = [
      () => {
        throw new Error('timeout');
      },
      () => '```\nv2\n```',
    ];
    const flaky = await optimize({
      seedCandidate: { text: 'v0' },
      trainset: [0, 1, 2],
      adapter,
      reflectionModel: async () => (answers.shift() ?? (() => '```\nv2\n```'))(),
      stopWhen: maxIterationsReached(2),
    });
    expect(flaky.stopReason).toBe('stop-condition');
    expect(flaky.candidates.map((candidate) => candidate.text)).toEqual(['v0', 'v2']);
  });

  it('rejects a LanguageModel answer cut off by the token limit and sends the prompt as a user message', async () => {
    const model = new ScriptedModel([() => ({ content: '```\nv2\n```' }), '```markdown\nv2\n```']);
    const truncating = {
      ...model,
      provider: model.provider,
      modelId: model.modelId,
      stream: model.stream.bind(model),
      chat: async (request: Parameters<ScriptedModel['chat']>[0]) => {
        const response = await model.chat(request);
        return model.requests.length === 1 ? { ...response, finishReason: 'length' as const } : response;
      },
    };
    const result = await optimize({
      seedCandidate: { text: 'v0' },
      trainset: [0, 1, 2],
      adapter,
      reflectionModel: truncating,
      stopWhen: maxIterationsReached(2),
    });
    expect(result.candidates.map((candidate) => candidate.text)).toEqual(['v0', 'v2']);
    expect(result.failedProposals).toBe(1);
    expect(model.requests[0]?.messages).toEqual([{ role: 'user', content: expect.stringContaining('```\nv0\n```') }]);
  });
});

describe('optimize: budget', () => {
  it('never exceeds maxMetricCalls and counts exactly one call per evaluated example', async () => {
    for (const budget of [8, 9, 11, 15, 20, 27, 33, 41, 64, 100, 151]) {
      for (const useMerge of [false, true]) {
        const { adapter, counter } = keywordAdapter();
        const result = await optimize({
          seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
          trainset: keywordExamples,
          adapter,
          reflectionModel: keywordReflection,
          maxMetricCalls: budget,
          useMerge,
          seed: budget,
        });
        expect(result.totalMetricCalls).toBeLessThanOrEqual(budget);
        expect(counter.examples).toBe(result.totalMetricCalls);
        expect(result.stopReason).toBe('max-metric-calls');
      }
    }
  });

  it('a budget spent exactly stops before the next iteration starts (the limit counts as reached)', async () => {
    const seedRun = keywordExamples.length;
    for (const budget of [seedRun, seedRun + 3]) {
      const { adapter, counter } = keywordAdapter();
      const events: GEPAEvent[] = [];
      const reflections: string[] = [];
      const result = await optimize({
        seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
        trainset: keywordExamples,
        adapter,
        // Never improves: each iteration spends exactly one minibatch of 3 and is rejected.
        reflectionModel: async (prompt) => {
          reflections.push(prompt);
          return `\`\`\`\n${/```\n([\s\S]*?)\n```/.exec(prompt)?.[1] ?? ''}\n\`\`\``;
        },
        maxMetricCalls: budget,
        reflectionMinibatchSize: 3,
        useMerge: false,
        onEvent: (event) => void events.push(event),
      });
      const expectedIterations = (budget - seedRun) / 3;
      expect(result.totalMetricCalls, `budget ${budget}`).toBe(budget);
      expect(counter.examples).toBe(budget);
      expect(result.stopReason).toBe('max-metric-calls');
      expect(result.iterations, `budget ${budget}`).toBe(expectedIterations);
      expect(events.filter((event) => event.type === 'iteration-start')).toHaveLength(expectedIterations);
      expect(reflections).toHaveLength(expectedIterations);
    }
  });

  it('refuses a budget smaller than the seed validation run', async () => {
    const { adapter } = keywordAdapter();
    await expect(
      optimize({
        seedCandidate: { a: '', b: '' },
        trainset: keywordExamples,
        adapter,
        reflectionModel: keywordReflection,
        maxMetricCalls: 7,
      }),
    ).rejects.toMatchObject({ code: 'gepa_budget_too_small' });
  });

  it('fails fast when every evaluation of the seed fails (e.g. the model server is down)', async () => {
    const { adapter } = keywordAdapter({ throwOn: 'Rules' });
    await expect(
      optimize({
        seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
        trainset: keywordExamples,
        adapter,
        reflectionModel: keywordReflection,
        maxMetricCalls: 50,
      }),
    ).rejects.toMatchObject({ code: 'gepa_seed_evaluation_failed', message: /simulated crash/ });
  });

  it('requires some stop condition', async () => {
    const { adapter } = keywordAdapter();
    await expect(
      optimize({ seedCandidate: { a: '' }, trainset: keywordExamples, adapter, reflectionModel: keywordReflection }),
    ).rejects.toBeInstanceOf(GEPAError);
  });
});

describe('optimize: search', () => {
  it('improves the keyword task and merges complementary branches', async () => {
    const { adapter } = keywordAdapter();
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
      trainset: keywordExamples,
      adapter,
      reflectionModel: keywordReflection,
      maxMetricCalls: 300,
      useMerge: true,
      reflectionMinibatchSize: 2,
      seed: 1,
      onEvent: (event) => events.push(event),
    });
    expect(result.valAggregateScores[0]).toBe(0);
    // Two keywords per component fit, so 4 of the 8 instances is the best reachable score.
    expect(result.bestScore).toBe(0.5);
    expect(events.some((event) => event.type === 'merge-attempted')).toBe(true);
    const merged = result.parents.findIndex((parents) => parents.length === 2);
    expect(merged).toBeGreaterThan(0);
    // Each front holds exactly the candidates achieving its best score.
    for (const [instance, front] of result.paretoFront.entries()) {
      const achievers = result.valSubscores.flatMap((scores, index) =>
        scores[instance] === front.score ? [index] : [],
      );
      expect(front.candidates).toEqual(achievers);
      expect(front.score).toBe(Math.max(...result.valSubscores.map((scores) => scores[instance] ?? 0)));
    }
  });

  it('accepts at most maxMergeInvocations merges and gives the same run at any concurrency', async () => {
    const run = (concurrency: number) =>
      optimize({
        seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
        trainset: keywordExamples,
        adapter: keywordAdapter().adapter,
        reflectionModel: keywordReflection,
        maxMetricCalls: 300,
        useMerge: true,
        maxMergeInvocations: 1,
        reflectionMinibatchSize: 2,
        seed: 1,
        concurrency,
      });
    const sequential = await run(1);
    expect(sequential.parents.filter((parents) => parents.length === 2)).toHaveLength(1);
    expect((await run(4)).toJSON()).toEqual(sequential.toJSON());
  });

  it('rewrites every component at once with componentSelection "all"', async () => {
    const events: GEPAEvent[] = [];
    await optimize({
      seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
      trainset: keywordExamples,
      adapter: keywordAdapter().adapter,
      reflectionModel: keywordReflection,
      componentSelection: 'all',
      reflectionMinibatchSize: 4,
      stopWhen: maxIterationsReached(1),
      seed: 2,
      onEvent: (event) => events.push(event),
    });
    const proposed = events.find((event) => event.type === 'candidate-proposed');
    expect(proposed).toMatchObject({ components: ['a', 'b'] });
  });

  it('scores a batch whose evaluation throws as 0 and records the error', async () => {
    const { adapter } = keywordAdapter({ throwOn: 'boom' });
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate: { a: 'Rules for a: alpha', b: 'Rules for b:' },
      trainset: keywordExamples,
      adapter,
      reflectionModel: async () => '```\nboom\n```',
      maxMetricCalls: 80,
      seed: 4,
      onEvent: (event) => events.push(event),
    });
    expect(result.evaluationErrors).toBeGreaterThan(0);
    expect(events.some((event) => event.type === 'evaluation-error' && /simulated crash/.test(event.message))).toBe(
      true,
    );
    expect(result.candidates).toEqual([{ a: 'Rules for a: alpha', b: 'Rules for b:' }]);
  });

  it('does not reflect when the whole parent minibatch failed to run', async () => {
    const trainset = keywordExamples.slice(0, 4).map((example) => ({ ...example }));
    const { adapter } = keywordAdapter();
    const failingOnTrain: typeof adapter = {
      ...adapter,
      evaluate: (batch, candidate, captureTraces) => {
        if (batch.some((example) => trainset.includes(example))) throw new Error('sandbox unavailable');
        return adapter.evaluate(batch, candidate, captureTraces);
      },
    };
    let reflections = 0;
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
      trainset,
      valset: keywordExamples,
      adapter: failingOnTrain,
      reflectionModel: async (prompt) => {
        reflections += 1;
        return keywordReflection(prompt);
      },
      stopWhen: maxIterationsReached(3),
      onEvent: (event) => events.push(event),
    });
    expect(reflections).toBe(0);
    expect(result.failedProposals).toBe(0);
    expect(result.evaluationErrors).toBe(3);
    expect(
      events.filter((event) => event.type === 'proposal-skipped' && event.reason === 'evaluation-failed'),
    ).toHaveLength(3);
  });

  it('skips reflection when the parent is perfect on the minibatch', async () => {
    const { adapter } = keywordAdapter();
    let reflections = 0;
    const seedCandidate = { a: 'alpha beta epsilon omega', b: 'gamma delta zeta theta' };
    const events: GEPAEvent[] = [];
    const result = await optimize({
      seedCandidate,
      trainset: keywordExamples,
      adapter,
      reflectionModel: async (prompt) => {
        reflections += 1;
        return keywordReflection(prompt);
      },
      stopWhen: maxIterationsReached(4),
      onEvent: (event) => events.push(event),
    });
    expect(reflections).toBe(0);
    expect(result.candidates).toEqual([seedCandidate]);
    expect(
      events.filter((event) => event.type === 'proposal-skipped' && event.reason === 'perfect-score'),
    ).toHaveLength(4);
  });
});

describe('optimize: stopping and resume', () => {
  const base = () => {
    const { adapter } = keywordAdapter();
    return {
      seedCandidate: { a: 'Rules for a:', b: 'Rules for b:' },
      trainset: keywordExamples.slice(0, 6),
      valset: keywordExamples,
      adapter,
      reflectionModel: keywordReflection,
      maxMetricCalls: 260,
      useMerge: true,
      reflectionMinibatchSize: 2,
      seed: 11,
    };
  };

  it('a run stopped after N iterations and resumed ends exactly where an uninterrupted run does', async () => {
    const uninterrupted = await optimize({ ...base(), runDir: temporaryDirectory() });
    expect(uninterrupted.iterations).toBeGreaterThan(6);
    expect(uninterrupted.parents.some((parents) => parents.length === 2)).toBe(true);

    const runDir = temporaryDirectory();
    const first = await optimize({ ...base(), runDir, stopWhen: maxIterationsReached(3) });
    expect(first.stopReason).toBe('stop-condition');
    expect(first.iterations).toBe(3);
    expect(existsSync(join(runDir, stateFileName))).toBe(true);
    const second = await optimize({ ...base(), runDir, stopWhen: maxIterationsReached(6) });
    expect(second.iterations).toBe(6);
    const events: GEPAEvent[] = [];
    const resumed = await optimize({ ...base(), runDir, onEvent: (event) => events.push(event) });
    expect(events[0]).toMatchObject({ type: 'optimization-start', resumed: true, iteration: 6 });
    expect(resumed.toJSON()).toEqual(uninterrupted.toJSON());
  });

  it('stops before the next iteration when the stop file appears', async () => {
    const runDir = temporaryDirectory();
    const result = await optimize({
      ...base(),
      runDir,
      onEvent: (event) => {
        if (event.type === 'iteration-end' && event.iteration === 2) writeFileSync(join(runDir, stopFileName), '');
      },
    });
    expect(result.stopReason).toBe('stop-file');
    expect(result.iterations).toBe(2);
  });

  it('stops on an abort signal, a score threshold, or no improvement', async () => {
    const controller = new AbortController();
    const aborted = await optimize({
      ...base(),
      signal: controller.signal,
      onEvent: (event) => {
        if (event.type === 'iteration-start' && event.iteration === 3) controller.abort();
      },
    });
    expect(aborted.stopReason).toBe('aborted');
    expect(aborted.iterations).toBe(3);

    const threshold = await optimize({ ...base(), scoreThreshold: 0.25 });
    expect(threshold.stopReason).toBe('score-threshold');
    expect(threshold.bestScore).toBeGreaterThanOrEqual(0.25);
    expect(threshold.valAggregateScores.slice(0, -1).every((score) => score < 0.25)).toBe(true);

    const stalled = await optimize({
      ...base(),
      reflectionModel: async () => '```\nsomething unhelpful\n```',
      noImprovementIterations: 3,
    });
    expect(stalled.stopReason).toBe('no-improvement');
    expect(stalled.iterations).toBe(3);
  });

  it('refuses to resume a run directory from a different setup', async () => {
    const runDir = temporaryDirectory();
    await optimize({ ...base(), runDir, stopWhen: maxIterationsReached(1) });
    await expect(
      optimize({ ...base(), seedCandidate: { planner: 'x' } as GEPACandidate, runDir }),
    ).rejects.toMatchObject({ code: 'gepa_state_mismatch' });
  });

  it('round-trips its result through JSON', async () => {
    const result = await optimize({ ...base(), maxMetricCalls: 60 });
    const copy = GEPAResult.fromJSON(JSON.parse(JSON.stringify(result)));
    expect(copy).toBeInstanceOf(GEPAResult);
    expect(copy.toJSON()).toEqual(result.toJSON());
    expect(copy.bestCandidate).toEqual(result.bestCandidate);
  });
});
