import { describe, expect, it } from 'vitest';
import { useFakeModelServer } from '../testing/openai-compatible-fixtures';
import { DEFAULT_JUDGE_PROMPT } from './judge-prompt';
import type { JudgementRequest } from './judgement-request';
import { askModelJudgement, type ModelJudgementOptions, modelVerdictSchema } from './model-judgement';

const fake = useFakeModelServer({ maxRetries: 0 });

const request: JudgementRequest = {
  scope: 'goal',
  goal: 'Count the files',
  request: 'Count the files',
  answer: 'There are 2 files.',
  references: [],
  evidence: [],
  checks: [],
};

function options(overrides: Partial<ModelJudgementOptions> = {}): ModelJudgementOptions {
  let clock = 5000;
  return {
    model: fake.model(),
    systemPrompt: 'Judge strictly.',
    request,
    signal: new AbortController().signal,
    timeoutMs: 5000,
    now: () => (clock += 40),
    ...overrides,
  };
}

describe('askModelJudgement', () => {
  it('asks for the aime_verdict schema with the system prompt and the rendered request as the user message', async () => {
    fake.server.script({ content: JSON.stringify({ score: 0.1, verdict: 'fail', feedback: 'Wrong count.' }) });
    const answer = await askModelJudgement(options());
    expect(answer).toMatchObject({
      ok: true,
      verdict: { score: 0.1, verdict: 'fail', feedback: 'Wrong count.' },
      ms: 40,
    });
    const body = fake.server.modelRequests()[0]?.body as {
      messages: Array<{ role: string; content: string }>;
      response_format?: { json_schema?: { name?: string; schema?: { required?: string[] } } };
    };
    expect(body.messages.map((message) => message.role)).toEqual(['system', 'user']);
    expect(body.messages[0]?.content).toBe('Judge strictly.');
    expect(body.messages[1]?.content).toContain('Final answer:\nThere are 2 files.');
    expect(body.response_format?.json_schema?.name).toBe('aime_verdict');
    expect(body.response_format?.json_schema?.schema?.required).toEqual(['score', 'verdict', 'feedback']);
  });

  it('measures the time of a failed call too', async () => {
    fake.server.script({ fault: 'server-error', status: 500 });
    const answer = await askModelJudgement(options());
    expect(answer).toMatchObject({ ok: false, ms: 40 });
    expect(answer.ok || answer.reason.startsWith('judge model error: ')).toBe(true);
  });

  it('accepts exactly the three verdicts, and the default prompt asks for each of them', () => {
    for (const verdict of ['pass', 'partial', 'fail']) {
      expect(modelVerdictSchema.safeParse({ score: 0.5, verdict, feedback: 'x' }).success).toBe(true);
      expect(DEFAULT_JUDGE_PROMPT).toContain(`"${verdict}"`);
    }
    expect(modelVerdictSchema.safeParse({ score: 0.5, verdict: 'great', feedback: 'x' }).success).toBe(false);
    expect(DEFAULT_JUDGE_PROMPT).toContain('Answer with JSON only');
  });
});
