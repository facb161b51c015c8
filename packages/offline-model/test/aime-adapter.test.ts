import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel } from '@gepa-aime/core';
import {
  aimeGoalSchema,
  aimeGoalSetSchema,
  createAIMEAdapter,
  loadConfig,
  scoreGoal,
  toGoalSet,
} from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../src/index';
import { RecordingModel } from './recording-model';

const config = loadConfig({ directory: mkdtempSync(join(tmpdir(), 'aime-adapter-config-')), env: {} });

const summaryGoal = aimeGoalSchema.parse({
  id: 'summary',
  goal: 'Read README.md and write a summary to notes/summary.md',
  files: { 'README.md': '# Tiny\n\nA tiny project.\n' },
  expect: { files: ['notes/summary.md'], fileContains: [{ path: 'notes/summary.md', text: 'tiny project' }] },
});
const missingGoal = aimeGoalSchema.parse({
  id: 'missing',
  goal: 'Read docs/missing.md and summarise it',
  files: { 'README.md': '# Tiny\n' },
  expect: { answerContains: ['installation'] },
});

describe('scoreGoal', () => {
  const task = (id: string, status: 'complete' | 'failed' | 'pending', parentId: string | null = null) => ({
    id,
    parentId,
    title: `task ${id}`,
    status,
    depth: parentId ? 1 : 0,
    dependsOn: [],
  });

  it('weighs goal, leaf-task share and expectations 0.4 / 0.2 / 0.4 (0.7 / 0.3 without expectations)', () => {
    const tasks = [task('1', 'complete'), task('2', 'complete'), task('2.1', 'complete', '2'), task('3', 'failed')];
    const checks = [
      { kind: 'file' as const, passed: true, detail: 'file "a" exists' },
      { kind: 'answer-contains' as const, passed: false, detail: 'answer does not contain "b"' },
    ];
    // Leaves: 1, 2.1, 3 → 2/3 complete.
    const withChecks = scoreGoal({ status: 'completed', tasks }, checks, []);
    expect(withChecks.score).toBeCloseTo(0.4 + 0.2 * (2 / 3) + 0.4 * 0.5, 9);
    expect(withChecks.taskShare).toBeCloseTo(2 / 3, 12);
    expect(withChecks.feedback).toBe(
      'Goal completed.\nTasks: 2 of 3 complete.\nExpectations failed: answer does not contain "b".',
    );
    const failed = scoreGoal(
      { status: 'failed', tasks: [task('1', 'complete'), task('2', 'failed')] },
      [],
      [{ id: '2', title: 'task 2', summary: 'read failed', observations: ['read_file: ENOENT'] }],
    );
    expect(failed.score).toBeCloseTo(0.15, 12);
    expect(failed.expectationShare).toBeNull();
    expect(failed.feedback).toContain('Goal not completed: the run ended failed.');
    expect(failed.feedback).toContain('Task [2] "task 2" failed: read failed. Failing observations: read_file: ENOENT');
    expect(scoreGoal({ status: 'completed', tasks: [task('1', 'complete')] }, checks.slice(0, 1), []).score).toBe(1);
  });
});

describe('goal files', () => {
  it('accept a list or {goals, validation}, name goals, and refuse paths that leave the workspace', () => {
    const set = toGoalSet(aimeGoalSetSchema.parse({ goals: [{ goal: 'a' }, { goal: 'b', id: 'named' }] }));
    expect(set.trainset.map((goal) => goal.id)).toEqual(['goal-1', 'named']);
    expect(set.valset).toBe(set.trainset);
    const split = toGoalSet(aimeGoalSetSchema.parse({ goals: [{ goal: 'a' }], validation: [{ goal: 'v' }] }));
    expect(split.valset.map((goal) => goal.id)).toEqual(['validation-1']);
    expect(aimeGoalSchema.safeParse({ goal: 'x', files: { '../escape.txt': 'x' } }).success).toBe(false);
    expect(aimeGoalSchema.safeParse({ goal: 'x', expect: { files: ['/etc/passwd'] } }).success).toBe(false);
  });
});

describe('AIME adapter', () => {
  it('runs each goal in a fresh workspace with the candidate prompts and scores it from the outcome', async () => {
    const model = new RecordingModel();
    const evaluated: string[] = [];
    const adapter = createAIMEAdapter({
      config,
      model,
      onGoalEvaluated: (goal, output) => evaluated.push(`${goal.id}:${output.score}`),
    });
    const candidate = {
      planner: 'CANDIDATE PLANNER PROMPT',
      actor: 'CANDIDATE ACTOR for {{persona}}.\n{{output_format}}',
    };
    const result = await adapter.evaluate([summaryGoal, missingGoal], candidate, true);

    expect(result.scores).toEqual([1, 0]);
    expect(evaluated).toEqual(['summary:1', 'missing:0']);
    expect(result.outputs.map((output) => output.status)).toEqual(['completed', 'failed']);
    expect(model.systemPrompts).toContain('CANDIDATE PLANNER PROMPT');
    expect(model.systemPrompts.some((prompt) => prompt.startsWith('CANDIDATE ACTOR for '))).toBe(true);
    expect(model.systemPrompts.some((prompt) => prompt.includes('Dynamic Planner of an AIME'))).toBe(false);

    const [success, failure] = result.trajectories ?? [];
    expect(success?.result.feedback).toBe('Goal completed.\nTasks: 2 of 2 complete.\nExpectations: all 2 held.');
    expect(failure?.result.feedback).toContain('Expectations failed: answer does not contain "installation".');
    expect(failure?.result.feedback).toMatch(
      /Task \[1\] "Read docs\/missing.md" failed: .*Failing observations: read_file: .*docs\/missing.md/,
    );
    expect(failure?.failedTasks.map((task) => task.id)).toEqual(['1', '1-retry']);
  });

  it('builds reflective records per component from the trajectories', async () => {
    const adapter = createAIMEAdapter({ config, model: new OfflineModel() });
    const evaluation = await adapter.evaluate([missingGoal], { planner: '', actor: '' }, true);
    const dataset = await adapter.makeReflectiveDataset({}, evaluation, ['planner', 'actor']);
    expect(Object.keys(dataset)).toEqual(['planner', 'actor']);
    const [planner] = dataset.planner ?? [];
    expect(planner?.Inputs).toEqual({ Goal: 'Read docs/missing.md and summarise it' });
    expect((planner?.['Generated Outputs'] as { Plan: string } | undefined)?.Plan).toContain(
      '- [failed] 1 Read docs/missing.md',
    );
    expect(planner?.Feedback).toMatch(/^Score 0\.00\. Goal not completed/);
    const [actor] = dataset.actor ?? [];
    expect(actor?.['Generated Outputs']).toMatch(/^\[1\] failed: /);
    expect(actor?.Feedback).toContain('Failing observations');
  });

  it('does not throw for a failing run: a model that always errors scores 0 with the reason', async () => {
    const broken: LanguageModel = {
      provider: 'broken',
      modelId: 'broken',
      chat: async () => {
        throw new Error('connection refused');
      },
      stream: () => {
        throw new Error('connection refused');
      },
    };
    const adapter = createAIMEAdapter({ config, model: broken });
    const result = await adapter.evaluate([summaryGoal], { planner: 'p', actor: 'a' }, false);
    expect(result.scores).toEqual([0]);
    expect(result.trajectories).toBeUndefined();
    expect(result.outputs[0]?.status).not.toBe('completed');
  });
});
