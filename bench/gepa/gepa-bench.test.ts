import { describe, expect, it } from 'vitest';
import { bestAt, runGEPABenchmark, smokeOptions } from './run-gepa-bench';
import { createReflection } from './simulated-reflection';
import { createStudent, effectiveSkills, expectedScore, ruleCapacity } from './simulated-student';
import { buildSuite, seedCandidate } from './task-suite';

describe('gepa benchmark (smoke)', () => {
  it('runs every strategy within the budget and reports mean ± sd at each checkpoint', async () => {
    const report = await runGEPABenchmark(smokeOptions);
    const runs = report.data as Array<{
      strategy: string;
      curve: Array<{ metricCalls: number; score: number }>;
      totalMetricCalls: number;
      testScore: number;
    }>;
    expect(runs).toHaveLength(smokeOptions.strategies.length * smokeOptions.seeds.length);
    for (const run of runs) {
      expect(run.totalMetricCalls).toBeLessThanOrEqual(smokeOptions.budget);
      const scores = run.curve.map((point) => point.score);
      expect(scores).toEqual([...scores].sort((left, right) => left - right));
      expect(bestAt(run.curve, smokeOptions.budget)).toBeGreaterThan(scores[0] ?? 1);
    }
    const [curveTable] = report.tables;
    expect(curveTable?.rows.map((row) => row[0])).toEqual(smokeOptions.strategies);
    for (const row of curveTable?.rows ?? []) {
      for (const cell of row.slice(1)) expect(cell).toMatch(/^\d\.\d{3} ± \d\.\d{3}$/);
    }
  });
});

describe('simulated task suite', () => {
  it('applies only the first rules up to the capacity', () => {
    const text = [
      'Heading',
      '- a (decompose-goal)',
      '- b (verify-plan)',
      '- c (budget-time)',
      '- d (parallelise)',
      '- e (set-checkpoints)',
    ].join('\n');
    expect(ruleCapacity).toBe(4);
    expect(effectiveSkills(text)).toEqual(new Set(['decompose-goal', 'verify-plan', 'budget-time', 'parallelise']));
  });

  it('scores a missing skill as failed and names it in the feedback', () => {
    const student = createStudent(1);
    const example = { id: 0, title: 'Task 0', skills: ['decompose-goal', 'cite-sources'] };
    const candidate = { planner: 'Plan. (decompose-goal)', actor: 'Act.' };
    const evaluation = student.adapter.evaluate([example], candidate, true) as { scores: number[] };
    expect(evaluation.scores[0]).toBeLessThanOrEqual(0.5);
    const dataset = student.adapter.makeReflectiveDataset(candidate, evaluation as never, ['actor']) as Record<
      string,
      Array<{ Feedback: string }>
    >;
    expect(dataset.actor?.[0]?.Feedback).toContain('Missing skill: cite-sources');
    expect(expectedScore(candidate, [example])).toBeCloseTo(0.45);
  });

  it('reflection puts rules for reported skills first, and sometimes truncates', async () => {
    const reflect = createReflection(3, { vagueRate: 0, truncationRate: 0, rulesPerProposal: 1 });
    const answer = await reflect(
      '```\nYou act.\n- old rule (check-paths).\n```\n# Example 1\nMissing skill: cite-sources',
    );
    expect(answer).toContain(
      '```\nYou act.\n- Cite the file or URL every fact comes from (cite-sources).\n- old rule (check-paths).\n```',
    );
    const truncating = createReflection(3, { vagueRate: 0, truncationRate: 1, rulesPerProposal: 1 });
    expect(await truncating('```\nYou act.\n```\nMissing skill: cite-sources')).not.toMatch(/```[\s\S]*```/);
    expect(buildSuite(1, { train: 5, val: 5, test: 5 }).trainset).toEqual(
      buildSuite(1, { train: 5, val: 5, test: 5 }).trainset,
    );
    expect(expectedScore(seedCandidate, buildSuite(1, { train: 5, val: 5, test: 5 }).testset)).toBe(0);
  });
});
