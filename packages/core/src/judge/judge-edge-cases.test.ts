import { beforeEach, describe, expect, it } from 'vitest';
import type { TaskSnapshot } from '../protocol/task-status';
import { useFakeModelServer } from '../testing/openai-compatible-fixtures';
import { ScriptedModel } from '../testing/scripted-model';
import { type GoalJudgementInput, Judge, type TaskJudgementInput } from './judge';
import { demoTaskInput, evidenceWith, useDemoWorkspace } from './judge-test-support';
import { judgeVerdictEvent } from './judge-verdict-event';

const fake = useFakeModelServer({ maxRetries: 0 });
const demo = useDemoWorkspace();

const usageCalls: Array<{ promptTokens: number; ms: number }> = [];
beforeEach(() => {
  usageCalls.length = 0;
});

function taskInput(overrides: Partial<TaskJudgementInput> = {}): TaskJudgementInput {
  return demoTaskInput(demo.current.root, {
    onUsage: (usage, ms) => void usageCalls.push({ promptTokens: usage.promptTokens, ms }),
    ...overrides,
  });
}

function task(id: string, status: TaskSnapshot['status'], extra: Partial<TaskSnapshot> = {}): TaskSnapshot {
  return { id, parentId: null, title: `Task ${id}`, status, depth: 0, dependsOn: [], ...extra };
}

function goalInput(overrides: Partial<GoalJudgementInput> = {}): GoalJudgementInput {
  return {
    goal: 'How many files are in the workspace?',
    finalAnswer: 'There are 2 files.',
    status: 'completed',
    tasks: [],
    evidence: [evidenceWith({ tool: 'list_dir', output: '[file] README.md\n[file] b.md' })],
    workspaceRoot: demo.current.root,
    signal: new AbortController().signal,
    ...overrides,
  };
}

function judgeMessages(): { system: string; user: string; temperature: unknown } {
  const body = fake.server.modelRequests()[0]?.body as { messages: Array<{ content: string }>; temperature?: unknown };
  return {
    system: body.messages[0]?.content ?? '',
    user: body.messages[1]?.content ?? '',
    temperature: body.temperature,
  };
}

describe('Judge construction and prompt', () => {
  it('refuses model mode without a model, and uses a replaced prompt', async () => {
    expect(() => new Judge({ mode: 'model' })).toThrow('mode "model" needs a model');
    fake.server.script({ content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Good.' }) });
    const judge = new Judge({ mode: 'model', model: fake.model(), prompt: 'Be strict.' });
    expect(judge.prompt).toBe('Be strict.');
    await judge.judgeTask(taskInput());
    expect(judgeMessages().system).toBe('Be strict.');
    expect(judgeMessages().temperature).toBe(0);
  });
});

describe('Judge.judgeTask: what the model sees and what comes back', () => {
  it('names the task with its completion criteria and the earlier results, and keeps the checks on the verdict', async () => {
    fake.server.script({
      content: JSON.stringify({ score: 0.9, verdict: 'pass', feedback: 'Names Demo.' }),
      usage: { prompt_tokens: 321, completion_tokens: 7 },
    });
    let clock = 1000;
    const judge = new Judge({ mode: 'model', model: fake.model(), now: () => (clock += 250) });
    const judgement = await judge.judgeTask(taskInput({ priorResults: 'Task 0: README.md exists.' }));
    const { user } = judgeMessages();
    expect(user).toContain('Overall goal: Summarise README.md');
    expect(user).toContain('Task: Summarise README.md (completion criteria: the summary names the project)');
    expect(user).toContain('Earlier results the worker was given:\nTask 0: README.md exists.');
    expect(user).toContain('- references-exist: passed');
    expect(judgement.verdict.checks.length).toBeGreaterThan(0);
    expect(judgement.verdict.checks.every((check) => check.passed)).toBe(true);
    expect(judgement.fallback).toBeUndefined();
    expect(usageCalls).toEqual([{ promptTokens: 321, ms: 250 }]);
  });

  it('names a task without completion criteria by its title alone', async () => {
    fake.server.script({ content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Fine.' }) });
    await new Judge({ mode: 'model', model: fake.model() }).judgeTask(
      taskInput({ task: { id: '1', title: 'Summarise README.md' } }),
    );
    const { user } = judgeMessages();
    expect(user).toContain('Task: Summarise README.md\n');
    expect(user).not.toContain('completion criteria');
    expect(user).not.toContain('Earlier results');
  });

  it('reports the usage of an unusable answer, and none for a failed call', async () => {
    fake.server.script({ content: 'no json here', usage: { prompt_tokens: 11, completion_tokens: 2 } });
    const unusable = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(unusable.fallback).toBe('the judge model answered without a JSON object');
    expect(usageCalls.map((call) => call.promptTokens)).toEqual([11]);
    fake.server.script({ fault: 'server-error', status: 500 });
    const errored = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(errored.fallback).toMatch(/^judge model error: /);
    expect(usageCalls).toHaveLength(1);
  });

  it('falls back with the schema problem named when the verdict is out of range', async () => {
    fake.server.script({ content: JSON.stringify({ score: 1.5, verdict: 'pass', feedback: 'Great.' }) });
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(judgement.fallback).toMatch(/^the judge model's verdict is invalid: .*score/);
    expect(judgement.verdict).toMatchObject({ verdict: 'pass', score: 1 });
  });

  it('in checks mode passes with the checks named in the feedback', async () => {
    const judgement = await new Judge({ mode: 'checks' }).judgeTask(taskInput());
    expect(judgement.source).toBe('checks');
    const details = judgement.verdict.checks.map((check) => check.detail);
    expect(details.length).toBeGreaterThan(0);
    expect(judgement.verdict.feedback).toBe(`All checks passed: ${details.join('; ')}.`);
  });

  it('names every failed check with its detail', async () => {
    const judgement = await new Judge({ mode: 'checks' }).judgeTask(
      taskInput({
        report: { status: 'complete', summary: 'See a.md and b.md.', references: ['a.md', 'b.md'] },
        evidence: evidenceWith(),
      }),
    );
    expect(judgement.verdict.checks.filter((check) => !check.passed).map((check) => check.name)).toEqual([
      'references-exist',
      'read-before-facts',
    ]);
    expect(judgement.verdict.feedback).toMatch(
      /^Failed checks: references-exist: [^;]*a\.md[^;]*; read-before-facts: the answer states facts about a\.md, b\.md but the task read nothing[^;]*\.$/,
    );
  });

  it("a reported failure keeps the actor's last three failing observations; off mode says who decided", async () => {
    const judgement = await new Judge({ mode: 'off' }).judgeTask(
      taskInput({
        report: {
          status: 'failed',
          summary: 'gave up',
          references: [],
          failedObservations: ['first', 'second', 'third', 'fourth'],
        },
      }),
    );
    expect(judgement).toEqual({
      source: 'off',
      verdict: {
        score: 0,
        verdict: 'fail',
        checks: [],
        feedback: 'The actor reported failure: gave up. Failing observations: second | third | fourth',
      },
    });
    const bare = await new Judge({ mode: 'checks' }).judgeTask(
      taskInput({ report: { status: 'failed', summary: 'gave up', references: [] } }),
    );
    expect(bare.verdict.feedback).toBe('The actor reported failure: gave up.');
  });

  it('off mode passes a completed task with its summary as feedback', async () => {
    const judgement = await new Judge({ mode: 'off' }).judgeTask(taskInput());
    expect(judgement).toEqual({
      source: 'off',
      verdict: { score: 1, verdict: 'pass', feedback: 'README.md describes Demo, a demo project.', checks: [] },
    });
  });
});

describe('Judge.judgeGoal: edges', () => {
  it('a run that did not complete names its error and its last two failed tasks', async () => {
    const judgement = await new Judge({ mode: 'checks' }).judgeGoal(
      goalInput({
        status: 'failed',
        error: 'planner gave up',
        tasks: [
          task('1', 'failed', { summary: 'first failure' }),
          task('2', 'complete', { summary: 'fine' }),
          task('3', 'failed', { summary: 'x'.repeat(500) }),
          task('4', 'failed'),
        ],
      }),
    );
    expect(judgement.source).toBe('claim');
    expect(judgement.verdict).toMatchObject({ score: 0, verdict: 'fail', checks: [] });
    expect(judgement.verdict.feedback).toBe(
      `The run ended failed: planner gave up; the goal was not achieved. Failed: [3] ${'x'.repeat(396)} | [4] Task 4`,
    );
  });

  it('without an error or failed tasks the feedback says only how the run ended; off mode marks it off', async () => {
    const judgement = await new Judge({ mode: 'off' }).judgeGoal(
      goalInput({ status: 'limit-reached', tasks: [task('1', 'complete')] }),
    );
    expect(judgement).toEqual({
      source: 'off',
      verdict: {
        score: 0,
        verdict: 'fail',
        checks: [],
        feedback: 'The run ended limit-reached; the goal was not achieved.',
      },
    });
  });

  it('off mode passes a completed run on the planner’s word', async () => {
    const judgement = await new Judge({ mode: 'off' }).judgeGoal(goalInput({ finalAnswer: 'Listed the root folder.' }));
    expect(judgement).toMatchObject({
      source: 'off',
      verdict: { score: 1, verdict: 'pass', feedback: 'The judge is off; the planner declared the goal done.' },
    });
  });

  it('shows the model the finished tasks with their verdicts, one line each', async () => {
    fake.server.script({ content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Counted.' }) });
    await new Judge({ mode: 'model', model: fake.model() }).judgeGoal(
      goalInput({
        tasks: [
          task('1', 'complete', { summary: 'listed 2 files', verdict: { score: 1, verdict: 'pass', feedback: 'ok' } }),
          task('2', 'failed'),
          task('3', 'pending', { summary: 'never ran' }),
          task('4', 'complete', { summary: 'y'.repeat(700) }),
        ],
      }),
    );
    const { user } = judgeMessages();
    expect(user).toContain(
      `Task results:\n[1] Task 1 — complete (judge: pass 1): listed 2 files\n[2] Task 2 — failed: \n[4] Task 4 — complete: ${'y'.repeat(577)}\n`,
    );
    expect(user).not.toContain('never ran');
    expect(user).not.toContain('Task:');
  });
});

describe('judgeVerdictEvent', () => {
  it('carries the verdict, its source and a fallback for a task', () => {
    const verdict = { score: 1, verdict: 'pass' as const, feedback: 'ok', checks: [] };
    expect(
      judgeVerdictEvent(
        { verdict, source: 'checks', fallback: 'judge model error: down' },
        { scope: 'task', taskId: '7', claimedStatus: 'complete' },
      ),
    ).toEqual({
      type: 'judge-verdict',
      scope: 'task',
      taskId: '7',
      claimedStatus: 'complete',
      ...verdict,
      source: 'checks',
      fallback: 'judge model error: down',
    });
    const goal = judgeVerdictEvent({ verdict, source: 'model' }, { scope: 'goal' });
    expect(goal).toEqual({ type: 'judge-verdict', scope: 'goal', ...verdict, source: 'model' });
    expect(goal).not.toHaveProperty('fallback');
  });
});

describe('Judge: which path decides', () => {
  it('checks mode never asks a model it was given', async () => {
    const judgement = await new Judge({ mode: 'checks', model: fake.model() }).judgeTask(taskInput());
    expect(judgement.source).toBe('checks');
    expect(fake.server.modelRequests()).toHaveLength(0);
  });

  it('accepts a result no check applies to as reported, and says so', async () => {
    const judgement = await new Judge({ mode: 'checks' }).judgeTask(
      taskInput({
        task: { id: '1', title: 'Write a haiku about autumn' },
        report: { status: 'complete', summary: 'Leaves drift and settle.', references: [] },
        evidence: evidenceWith(),
      }),
    );
    expect(judgement).toEqual({
      source: 'checks',
      verdict: {
        score: 1,
        verdict: 'pass',
        feedback: 'No deterministic check applies; the result is accepted as reported.',
        checks: [],
      },
    });
  });

  it('gives an in-process judge the task and the goal scope as request metadata', async () => {
    const model = new ScriptedModel([JSON.stringify({ score: 1, verdict: 'pass', feedback: 'ok' })]);
    await new Judge({ mode: 'model', model }).judgeTask(taskInput());
    expect(model.requests[0]?.metadata).toMatchObject({
      role: 'judge',
      scope: 'task',
      task: { id: '1', title: 'Summarise README.md', completionCriteria: 'the summary names the project' },
      claimedStatus: 'complete',
      references: ['README.md'],
    });
  });

  it('shows the model a goal with no references cited', async () => {
    fake.server.script({ content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Counted.' }) });
    await new Judge({ mode: 'model', model: fake.model() }).judgeGoal(goalInput());
    expect(judgeMessages().user).toContain('Goal: How many files are in the workspace?\n\nFinal answer:');
    expect(judgeMessages().user).toContain('References cited: none');
  });
});

describe('Judge: earlier results back a task', () => {
  it('accepts facts about a file the earlier results reported, without a read of its own', async () => {
    const fromEarlier = {
      task: { id: '2', title: 'Say what the project is called' },
      report: { status: 'complete' as const, summary: 'README.md names the project Demo.', references: ['README.md'] },
      evidence: evidenceWith(),
    };
    const backed = await new Judge({ mode: 'checks' }).judgeTask(
      taskInput({ ...fromEarlier, priorResults: 'Task 1: README.md is titled Demo.' }),
    );
    expect(backed.verdict.verdict).toBe('pass');
    const unbacked = await new Judge({ mode: 'checks' }).judgeTask(taskInput(fromEarlier));
    expect(unbacked.verdict).toMatchObject({ verdict: 'fail', score: 0 });
    expect(unbacked.verdict.feedback).toContain('read-before-facts: the answer states facts about README.md');
  });
});
