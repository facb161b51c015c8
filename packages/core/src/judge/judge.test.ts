import { describe, expect, it } from 'vitest';
import type { TokenUsage } from '../llm/types';
import { useFakeModelServer } from '../testing/openai-compatible-fixtures';
import { Judge, type TaskJudgementInput } from './judge';
import { DEFAULT_JUDGE_PROMPT } from './judge-prompt';
import { demoTaskInput, evidenceWith, useDemoWorkspace } from './judge-test-support';

const fake = useFakeModelServer({ maxRetries: 0 });
const demo = useDemoWorkspace();

function taskInput(overrides: Partial<TaskJudgementInput> = {}): TaskJudgementInput & { usage: TokenUsage[] } {
  const usage: TokenUsage[] = [];
  return { ...demoTaskInput(demo.current.root, { onUsage: (used) => void usage.push(used), ...overrides }), usage };
}

describe('Judge (model mode, against the fake OpenAI-compatible server)', () => {
  it('takes a valid verdict from the model, sends the judge prompt and the evidence, and reports usage', async () => {
    fake.server.script({
      content: JSON.stringify({ score: 0.6, verdict: 'partial', feedback: 'Name the sections too.' }),
      usage: { prompt_tokens: 300, completion_tokens: 20 },
    });
    const input = taskInput();
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(input);
    expect(judgement).toMatchObject({
      source: 'model',
      verdict: { score: 0.6, verdict: 'partial', feedback: 'Name the sections too.' },
    });
    expect(judgement.verdict.checks.map((check) => check.name)).toEqual(['references-exist', 'read-before-facts']);
    expect(input.usage).toEqual([expect.objectContaining({ promptTokens: 300, completionTokens: 20 })]);
    const body = fake.server.modelRequests()[0]?.body as {
      messages: Array<{ content: string }>;
      response_format?: unknown;
    };
    expect(body.messages[0]?.content).toBe(DEFAULT_JUDGE_PROMPT);
    expect(body.messages[1]?.content).toContain('read_file {"path":"README.md"} → ok');
    expect(body.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('falls back to the checks when the answer is not JSON, and says so', async () => {
    fake.server.script({ content: 'Looks fine to me!' });
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(judgement).toMatchObject({ source: 'checks', verdict: { verdict: 'pass', score: 1 } });
    expect(judgement.fallback).toContain('without a JSON object');
  });

  it('falls back to the checks when the verdict breaks the schema', async () => {
    fake.server.script({ content: JSON.stringify({ score: 7, verdict: 'great', feedback: '' }) });
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(judgement.source).toBe('checks');
    expect(judgement.fallback).toContain('invalid');
  });

  it('falls back to the checks on a server error and on a timeout', async () => {
    fake.server.script({ fault: 'server-error', status: 500 });
    const errored = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(taskInput());
    expect(errored.source).toBe('checks');
    expect(errored.fallback).toContain('judge model error');
    fake.server.script({ fault: 'hang' });
    const slow = await new Judge({ mode: 'model', model: fake.model(), timeoutMs: 150 }).judgeTask(taskInput());
    expect(slow.fallback).toContain('no answer within 150 ms');
  });

  it('rethrows when the run is cancelled', async () => {
    fake.server.script({ fault: 'hang' });
    const controller = new AbortController();
    const judging = new Judge({ mode: 'model', model: fake.model() }).judgeTask(
      taskInput({ signal: controller.signal }),
    );
    setTimeout(() => controller.abort(new Error('cancelled')), 50);
    await expect(judging).rejects.toThrow();
  });

  it('fails on a failed check without asking the model', async () => {
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeTask(
      taskInput({ report: { status: 'complete', summary: 'See docs/missing.md.', references: ['docs/missing.md'] } }),
    );
    expect(judgement).toMatchObject({ source: 'checks', verdict: { verdict: 'fail', score: 0 } });
    expect(judgement.verdict.feedback).toContain('docs/missing.md (not in the workspace)');
    expect(fake.server.modelRequests()).toHaveLength(0);
  });
});

describe('Judge modes and claims', () => {
  it('checks mode passes on the checks alone; off mode keeps the claim', async () => {
    expect((await new Judge({ mode: 'checks' }).judgeTask(taskInput())).verdict.verdict).toBe('pass');
    const off = await new Judge({ mode: 'off' }).judgeTask(
      taskInput({ report: { status: 'complete', summary: 'docs/missing.md', references: ['docs/missing.md'] } }),
    );
    expect(off).toMatchObject({ source: 'off', verdict: { verdict: 'pass', score: 1 } });
  });

  it("a failure the actor reports is a fail with the actor's reason", async () => {
    const judgement = await new Judge({ mode: 'checks' }).judgeTask(
      taskInput({
        report: {
          status: 'failed',
          summary: 'could not read',
          references: [],
          failedObservations: ['Error: path_not_found'],
          stopReason: 'loop',
        },
      }),
    );
    expect(judgement).toMatchObject({ source: 'claim', verdict: { verdict: 'fail', score: 0 } });
    expect(judgement.verdict.feedback).toContain('(loop): could not read');
    expect(judgement.verdict.feedback).toContain('path_not_found');
  });
});

describe('Judge.judgeGoal', () => {
  const goalInput = () => ({
    goal: 'How many files are in the workspace?',
    finalAnswer: 'There are 2 files.',
    status: 'completed' as const,
    tasks: [],
    evidence: [evidenceWith({ tool: 'list_dir', output: '[file] README.md\n[file] b.md' })],
    workspaceRoot: demo.current.root,
    signal: new AbortController().signal,
  });

  it('judges the final answer against the goal with the model', async () => {
    fake.server.script({ content: JSON.stringify({ score: 1, verdict: 'pass', feedback: 'Counted.' }) });
    const judgement = await new Judge({ mode: 'model', model: fake.model() }).judgeGoal(goalInput());
    expect(judgement).toMatchObject({ source: 'model', verdict: { verdict: 'pass', score: 1 } });
    const body = fake.server.modelRequests()[0]?.body as { messages: Array<{ content: string }> };
    expect(body.messages[1]?.content).toContain('Final answer:\nThere are 2 files.');
  });

  it('fails a non-answer by the checks, and a run that did not complete without a model call', async () => {
    const judge = new Judge({ mode: 'model', model: fake.model() });
    const nonAnswer = await judge.judgeGoal({ ...goalInput(), finalAnswer: 'Listed the root folder.' });
    expect(nonAnswer.verdict).toMatchObject({ verdict: 'fail', score: 0 });
    expect(nonAnswer.verdict.feedback).toContain('no number');
    const limited = await judge.judgeGoal({ ...goalInput(), status: 'limit-reached', error: 'max iterations' });
    expect(limited).toMatchObject({ source: 'claim', verdict: { verdict: 'fail' } });
    expect(fake.server.modelRequests()).toHaveLength(0);
  });
});
