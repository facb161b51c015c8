import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createModel } from '../llm/create-model';
import { ContextLengthExceededError } from '../llm/errors/context-length-exceeded-error';
import type { ChatMessage, LanguageModel } from '../llm/types';
import { actorFixture, leafTask, toolPairingProblems } from '../testing/actor-fixture';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/index';
import { ScriptedModel } from '../testing/scripted-model';
import { estimateRequestTokens } from './context-budget';
import { DynamicActor } from './dynamic-actor';

/** 10,000-token window, 500 for the answer, 1,000 margin: the prompt may take 8,500 estimated tokens. */
const SMALL_WINDOW = { context_window: 10_000, extra_params: { max_tokens: 500 } };
const PROMPT_BUDGET = 8_500;
const FILE_CHARS = 12_000;

const read = (path: string) => ({ toolCalls: [{ name: 'read_file', arguments: { path } }] });
const finish = (summary: string) => ({
  toolCalls: [{ name: 'finish', arguments: { status: 'complete', summary, references: [] } }],
});
const contextError = () => {
  throw new ContextLengthExceededError("This model's maximum context length is 10000 tokens (HTTP 400)", {
    status: 400,
  });
};

/** An actor over a workspace with files a.txt … d.txt of 12,000 characters each. */
function contextFixture(model: LanguageModel, config: Record<string, unknown> = SMALL_WINDOW) {
  const fixture = actorFixture(model, { config });
  for (const name of ['a', 'b', 'c', 'd']) {
    const lines = Array.from({ length: 400 }, (_, index) => `${name}.txt line ${index} ${'w'.repeat(30)}`);
    writeFileSync(join(fixture.workspaceRoot, `${name}.txt`), lines.join('\n').slice(0, FILE_CHARS));
  }
  const created = fixture.factory.create(leafTask('1', 'Read a.txt to d.txt'));
  return { ...fixture, actor: new DynamicActor({ ...created.options, maxSteps: 6 }) };
}

const toolContents = (messages: ChatMessage[] = []) =>
  messages.filter((message) => message.role === 'tool').map((message) => message.content);

describe('DynamicActor context budget', () => {
  it('compacts older observations once the history exceeds the budget; events keep the full observations', async () => {
    const model = new ScriptedModel([read('a.txt'), read('b.txt'), read('c.txt'), read('d.txt'), finish('read all')]);
    const { actor, context, events } = contextFixture(model);
    const report = await actor.run(context);
    expect(report).toMatchObject({ status: 'complete', summary: 'read all' });
    expect(toolContents(model.requests[2]?.messages).map((content) => content.length)).toEqual([
      FILE_CHARS,
      FILE_CHARS,
    ]);
    const last = model.requests[4];
    const messages = last?.messages ?? [];
    expect(estimateRequestTokens(messages, last?.tools)).toBeLessThanOrEqual(PROMPT_BUDGET);
    expect(messages.slice(0, 2)).toEqual(model.requests[0]?.messages);
    expect(toolPairingProblems(messages)).toEqual([]);
    const observations = toolContents(messages);
    expect(observations[0]).toMatch(
      /^\[observation of read_file a\.txt elided: 12,000 chars; key lines:\na\.txt line 0 w+\n/,
    );
    expect(observations[1]).toMatch(/^\[observation of read_file b\.txt elided: 12,000 chars;/);
    expect(observations.slice(2).map((content) => content.length)).toEqual([FILE_CHARS, FILE_CHARS]);
    const stepObservations = events.flatMap((event) =>
      event.type === 'actor-step' && event.action === 'read_file' ? [event.observation ?? ''] : [],
    );
    expect(stepObservations).toHaveLength(4);
    for (const observation of stepObservations) expect(observation).toMatch(/^\w\.txt line 0 w+\n[\s\S]{3900,}… \[/);
  });

  it('leaves the history alone for the offline provider without a context_window', async () => {
    const model = new ScriptedModel([read('a.txt'), read('b.txt'), read('c.txt'), read('d.txt'), finish('read all')]);
    const { actor, context } = contextFixture(model, {});
    await actor.run(context);
    expect(toolContents(model.requests[4]?.messages).map((content) => content.length)).toEqual([
      FILE_CHARS,
      FILE_CHARS,
      FILE_CHARS,
      FILE_CHARS,
    ]);
  });

  it('compacts to half the budget and retries once when the server says the context is exceeded', async () => {
    const model = new ScriptedModel([read('a.txt'), read('b.txt'), contextError, finish('made it')]);
    const { actor, context, events } = contextFixture(model);
    const report = await actor.run(context);
    expect(report).toMatchObject({ status: 'complete', summary: 'made it', steps: 3 });
    expect(model.requests).toHaveLength(4);
    expect(toolContents(model.requests[2]?.messages).map((content) => content.length)).toEqual([
      FILE_CHARS,
      FILE_CHARS,
    ]);
    const retry = model.requests[3];
    expect(estimateRequestTokens(retry?.messages ?? [], retry?.tools)).toBeLessThanOrEqual(PROMPT_BUDGET / 2);
    expect(retry?.messages.slice(0, 2)).toEqual(model.requests[0]?.messages);
    expect(toolPairingProblems(retry?.messages ?? [])).toEqual([]);
    expect(toolContents(retry?.messages)[0]).toMatch(/^\[observation of read_file a\.txt elided/);
    expect(events.filter((event) => event.type === 'llm-usage')).toHaveLength(3);
  });

  it('fails the task with a clear summary when the retry is refused too', async () => {
    const model = new ScriptedModel([read('a.txt'), contextError, contextError, finish('never')]);
    const { actor, context } = contextFixture(model);
    const report = await actor.run(context);
    expect(model.requests).toHaveLength(3);
    expect(report).toMatchObject({ status: 'failed', stopReason: 'model-error', steps: 2 });
    expect(report.summary).toMatch(
      /^Context window exceeded: the conversation did not fit the model's context window \(context_window 10000 tokens, 500 reserved for the answer\) even after compacting .* retrying once\..*Server said: This model's maximum context length is 10000 tokens/,
    );
  });
});

describe('DynamicActor context budget against an OpenAI-compatible server', () => {
  let server: FakeOpenAIServer;
  beforeAll(async () => {
    server = await startFakeOpenAIServer({ model: 'served' });
  });
  afterAll(() => server.close());

  const contextErrorBody = {
    fault: 'error' as const,
    status: 400,
    shape: 'nested' as const,
    type: 'BadRequestError',
    message:
      "This model's maximum context length is 10000 tokens. However, you requested 11200 tokens (10700 in the messages, 500 in the completion). Please reduce the length of the messages or completion.",
  };

  function served() {
    const config = { ...SMALL_WINDOW, provider: 'vllm' as const, api_base: server.url, max_retries: 0 };
    const fixture = contextFixture(new ScriptedModel([]), config);
    return { ...fixture, actor: new DynamicActor({ ...fixture.actor.options, model: createModel(fixture.config) }) };
  }

  it('retries once after a 400 "maximum context length" answer and succeeds', async () => {
    const before = server.modelRequests().length;
    server.script(contextErrorBody, {
      toolCalls: [{ name: 'finish', arguments: { status: 'complete', summary: 'ok' } }],
    });
    const { actor, context } = served();
    const report = await actor.run(context);
    expect(report).toMatchObject({ status: 'complete', summary: 'ok' });
    const bodies = server.modelRequests().slice(before);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]?.body?.messages).toEqual(bodies[0]?.body?.messages);
  });

  it('fails with the context summary when the server refuses the retry too', async () => {
    const before = server.modelRequests().length;
    server.script(contextErrorBody, contextErrorBody);
    const { actor, context } = served();
    const report = await actor.run(context);
    expect(server.modelRequests().slice(before)).toHaveLength(2);
    expect(report.status).toBe('failed');
    expect(report.summary).toMatch(
      /^Context window exceeded: .*Server said: This model's maximum context length is 10000/,
    );
  });
});
