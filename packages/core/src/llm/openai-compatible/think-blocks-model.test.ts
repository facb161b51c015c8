import { describe, expect, it } from 'vitest';
import { DynamicPlanner } from '../../planner/dynamic-planner';
import { ProgressManager } from '../../progress/progress-manager';
import type { FakeAnswer } from '../../testing/index';
import { useFakeModelServer, weatherTool } from '../../testing/openai-compatible-fixtures';
import type { ChatDelta, ChatRequest, ChatResponse } from '../types';

const fake = useFakeModelServer();

const ask = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content: 'What is 2 + 2?' }],
  ...extra,
});

interface Streamed {
  reasoning: string;
  content: string;
  deltas: ChatDelta[];
  response: ChatResponse;
}

/** Streams one request and joins the reasoning and content deltas. */
async function stream(request: ChatRequest, overrides = {}): Promise<Streamed> {
  const deltas: ChatDelta[] = [];
  for await (const delta of fake.model(overrides).stream(request)) deltas.push(delta);
  const last = deltas.at(-1);
  if (last?.type !== 'finish') throw new Error('the stream did not end with finish');
  const join = (type: 'reasoning' | 'content') =>
    deltas.flatMap((delta) => (delta.type === type ? [delta.text] : [])).join('');
  return { reasoning: join('reasoning'), content: join('content'), deltas, response: last.response };
}

/** The same answer, once as a whole completion and once streamed; returns both results. */
async function bothWays(answer: FakeAnswer, request: ChatRequest = ask()) {
  fake.server.script(answer, answer);
  const whole = await fake.model().chat(request);
  const streamed = await stream(request);
  return { whole, streamed };
}

describe('think blocks in the content (vLLM without --reasoning-parser)', () => {
  it('moves a leading think block to reasoning, streamed with the tags split across chunks', async () => {
    const content = '<think>\nTwo plus two is four.\n</think>\n\nThe answer is 4.';
    const { whole, streamed } = await bothWays({ content, chunkSize: 4 });
    expect(whole.content).toBe('The answer is 4.');
    expect(whole.reasoning).toBe('Two plus two is four.');
    expect(streamed.content).toBe('The answer is 4.');
    expect(streamed.reasoning).toBe('Two plus two is four.');
    expect(streamed.response).toMatchObject({ content: 'The answer is 4.', reasoning: 'Two plus two is four.' });
    const kinds = streamed.deltas.filter((delta) => delta.type !== 'finish').map((delta) => delta.type);
    expect(kinds.indexOf('content')).toBeGreaterThan(kinds.lastIndexOf('reasoning'));
    expect(kinds.filter((kind) => kind === 'reasoning').length).toBeGreaterThan(1);
  });

  it('handles a tag split as <thi + nk> and an upper-case, spaced tag', async () => {
    const { streamed } = await bothWays({ content: '<think>abc</think>ok', chunkSize: 4 });
    expect(streamed).toMatchObject({ reasoning: 'abc', content: 'ok' });
    const upper = await bothWays({ content: '  < THINK >\nhmm\n</Think >\nYes.', chunkSize: 3 });
    expect(upper.whole).toMatchObject({ reasoning: 'hmm', content: 'Yes.' });
    expect(upper.streamed).toMatchObject({ reasoning: 'hmm', content: 'Yes.' });
  });

  it('treats everything before a bare </think> as reasoning (opening tag in the prompt)', async () => {
    const content = 'The user asks 2 + 2.\nThat is 4.\n</think>\n\n4';
    const { whole, streamed } = await bothWays({ content, chunkSize: 5 });
    expect(whole).toMatchObject({ reasoning: 'The user asks 2 + 2.\nThat is 4.', content: '4' });
    expect(streamed).toMatchObject({ reasoning: 'The user asks 2 + 2.\nThat is 4.', content: '4' });
    expect(streamed.response).toMatchObject({ reasoning: 'The user asks 2 + 2.\nThat is 4.', content: '4' });
  });

  it('recovers a tool call after the think block, not the one inside it', async () => {
    const content =
      '<think>\nMaybe <tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>? ' +
      'No, the user said Oslo.\n</think>\n\n' +
      '<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>';
    const request = ask({ tools: [weatherTool] });
    const { whole, streamed } = await bothWays({ content, chunkSize: 7 }, request);
    for (const response of [whole, streamed.response]) {
      expect(response.content).toBe('');
      expect(response.finishReason).toBe('tool_calls');
      expect(response.toolCalls.map((call) => JSON.parse(call.function.arguments))).toEqual([{ city: 'Oslo' }]);
      expect(response.reasoning).toContain('"city": "Paris"');
    }
    expect(streamed.content).toBe('');
    expect(streamed.reasoning).toBe(whole.reasoning);
    expect(streamed.deltas.some((delta) => delta.type === 'tool-call' && delta.name === 'get_weather')).toBe(true);
  });

  it('lets the planner parse structured output that follows a think block with braces in it', async () => {
    const plan = {
      rationale: 'One step is enough.',
      tasks: [{ id: '1', title: 'Add the numbers' }],
      next: ['1'],
      done: false,
      finalAnswer: '',
    };
    fake.server.script({
      content: `<think>\nThe schema wants {rationale, tasks}; e.g. {"id": "1"} … fine.\n</think>\n\n${JSON.stringify(plan)}`,
    });
    const progress = new ProgressManager('Add 2 and 2');
    const planner = new DynamicPlanner({ model: fake.model(), progress, maxAttempts: 1 });
    const decision = await planner.initialize();
    expect(decision).toMatchObject({ fallback: false, next: ['1'], rationale: 'One step is enough.' });
    expect(JSON.parse(decision.response)).toEqual(plan);
    expect(progress.flatten().map((task) => task.title)).toEqual(['Add the numbers']);
    expect(fake.server.requests[0]?.body?.response_format).toMatchObject({ type: 'json_schema' });
  });

  it('makes an unclosed think block all reasoning, with empty content', async () => {
    const content = '<think>\nLet me count: one, two, three… (ran out of tokens)';
    const { whole, streamed } = await bothWays({ content, chunkSize: 6, finishReason: 'length' });
    const reasoning = 'Let me count: one, two, three… (ran out of tokens)';
    expect(whole).toMatchObject({ content: '', reasoning, finishReason: 'length' });
    expect(streamed).toMatchObject({ content: '', reasoning });
    expect(streamed.response).toMatchObject({ content: '', reasoning });
  });

  it('leaves content without a think block byte-identical, whole and streamed', async () => {
    const content = '  Use <b>bold</b>, a < b, and </thinking> stays.\n\n';
    const { whole, streamed } = await bothWays({ content, chunkSize: 3 });
    expect(whole.content).toBe(content);
    expect(whole.reasoning).toBeUndefined();
    expect(streamed.content).toBe(content);
    expect(streamed.response.content).toBe(content);
    expect(streamed.deltas.some((delta) => delta.type === 'reasoning')).toBe(false);
  });

  it.each(['reasoning_content', 'reasoning'] as const)(
    'appends the think block to the server reasoning in %s, in order',
    async (reasoningField) => {
      const answer: FakeAnswer = {
        reasoning: 'First, from the parser.',
        reasoningField,
        content: '<think>Then, from the content.</think>\nAnswer.',
        chunkSize: 5,
      };
      const { whole, streamed } = await bothWays(answer);
      const reasoning = 'First, from the parser.\nThen, from the content.';
      expect(whole).toMatchObject({ reasoning, content: 'Answer.' });
      expect(streamed).toMatchObject({ reasoning, content: 'Answer.' });
      expect(streamed.response).toMatchObject({ reasoning, content: 'Answer.' });
    },
  );

  it('keeps a bare </think> in the content when the server already separated the reasoning', async () => {
    const content = 'Close a block with </think> in Qwen templates.';
    const { whole, streamed } = await bothWays({ reasoning: 'Explain the tag.', content });
    expect(whole).toMatchObject({ reasoning: 'Explain the tag.', content });
    expect(streamed).toMatchObject({ reasoning: 'Explain the tag.', content });
  });

  it.each(['/v1/completions', '/generate'])('splits think blocks from the %s endpoint too', async (endpoint) => {
    fake.server.script(
      { content: ' <think>\n2 and 2 make 4.\n</think>\n\nFour.' },
      { content: ' 2 and 2 make 4.\n</think>\n\nFour.' },
    );
    const model = fake.model({ extraParams: { endpoint } });
    expect(await model.chat(ask())).toMatchObject({ reasoning: '2 and 2 make 4.', content: 'Four.' });
    const deltas: ChatDelta[] = [];
    for await (const delta of model.stream(ask())) deltas.push(delta);
    expect(deltas.filter((delta) => delta.type !== 'finish')).toEqual([
      { type: 'reasoning', text: '2 and 2 make 4.' },
      { type: 'content', text: 'Four.' },
    ]);
  });
});
