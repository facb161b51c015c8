import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useFakeModelServer, weatherTool } from '../../testing/openai-compatible-fixtures';
import type { ChatDelta, ChatRequest } from '../types';

const fake = useFakeModelServer({ maxRetries: 2 });
const model = fake.model;

async function collect(stream: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const deltas: ChatDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

function finished(deltas: ChatDelta[]) {
  const last = deltas.at(-1);
  if (last?.type !== 'finish') throw new Error('stream did not end with finish');
  return last.response;
}

const ask = (content: string, extra: Partial<ChatRequest> = {}): ChatRequest => ({
  messages: [{ role: 'user', content }],
  ...extra,
});

describe('OpenAICompatibleModel against the fake server', () => {
  it('returns a plain answer with server usage and sends model, messages and the api key', async () => {
    fake.server.script({ content: 'Paris is the capital.', usage: { prompt_tokens: 12, completion_tokens: 5 } });
    const response = await model({ apiKey: 'secret-key' }).chat(ask('Capital of France?'));
    expect(response).toMatchObject({ content: 'Paris is the capital.', finishReason: 'stop', toolCalls: [] });
    expect(response.usage).toEqual({ promptTokens: 12, completionTokens: 5, totalTokens: 17 });
    const [request] = fake.server.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.body).toMatchObject({
      model: 'qwen3-test',
      messages: [{ role: 'user', content: 'Capital of France?' }],
    });
    expect(request?.headers.authorization).toBe('Bearer secret-key');
  });

  it('sends EMPTY as the key when none is configured and estimates usage when the server sends none', async () => {
    fake.server.script({ content: 'twelve characters!', usage: null });
    const response = await model().chat(ask('hi'));
    expect(fake.server.requests[0]?.headers.authorization).toBe('Bearer EMPTY');
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.completionTokens).toBe(Math.ceil('twelve characters!'.length / 4));
  });

  it('passes tools and tool_choice and returns the tool call', async () => {
    fake.server.script({ toolCalls: [{ id: 'call_7', name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const response = await model().chat(ask('Weather in Oslo?', { tools: [weatherTool], toolChoice: 'required' }));
    expect(fake.server.requests[0]?.body).toMatchObject({ tools: [weatherTool], tool_choice: 'required' });
    expect(response.finishReason).toBe('tool_calls');
    expect(response.toolCalls).toEqual([
      { id: 'call_7', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
    ]);
  });

  it('streams content and assembles split tool-call deltas, with the final usage chunk', async () => {
    fake.server.script({
      content: 'Checking both.',
      toolCalls: [
        { id: 'call_a', name: 'get_weather', arguments: { city: 'Oslo', unit: 'celsius' } },
        { id: 'call_b', name: 'get_weather', arguments: { city: 'Lima', unit: 'celsius' } },
      ],
      usage: { prompt_tokens: 30, completion_tokens: 20 },
      chunkSize: 4,
    });
    const deltas = await collect(model().stream(ask('Weather?', { tools: [weatherTool] })));
    const body = fake.server.requests[0]?.body;
    expect(body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    const argumentPieces = deltas.filter((delta) => delta.type === 'tool-call' && delta.argumentsDelta);
    expect(argumentPieces.length).toBeGreaterThan(4);
    const text = deltas.flatMap((delta) => (delta.type === 'content' ? [delta.text] : [])).join('');
    expect(text).toBe('Checking both.');
    const response = finished(deltas);
    expect(response.content).toBe('Checking both.');
    expect(response.toolCalls.map((call) => [call.id, JSON.parse(call.function.arguments)])).toEqual([
      ['call_a', { city: 'Oslo', unit: 'celsius' }],
      ['call_b', { city: 'Lima', unit: 'celsius' }],
    ]);
    expect(response.usage).toEqual({ promptTokens: 30, completionTokens: 20, totalTokens: 50 });
  });

  it('requests json_schema structured output and the answer validates against the schema', async () => {
    const schema = z.object({ title: z.string(), steps: z.array(z.string()).min(1), done: z.boolean() });
    const jsonSchema = z.toJSONSchema(schema) as Record<string, unknown>;
    fake.server.setHandler((body) => {
      const format = body.response_format as { json_schema: { schema: { properties: object } } };
      const properties = Object.keys(format.json_schema.schema.properties);
      return { content: JSON.stringify({ title: properties.join(','), steps: ['a'], done: false }) };
    });
    try {
      const response = await model().chat(ask('Plan it', { responseSchema: { name: 'plan', schema: jsonSchema } }));
      expect(fake.server.requests[0]?.body?.response_format).toEqual({
        type: 'json_schema',
        json_schema: { name: 'plan', schema: jsonSchema, strict: true },
      });
      expect(schema.parse(JSON.parse(response.content))).toEqual({
        title: 'title,steps,done',
        steps: ['a'],
        done: false,
      });
    } finally {
      fake.server.setHandler(undefined);
    }
  });

  it.each(['reasoning', 'reasoning_content'] as const)('reads reasoning from the %s field', async (field) => {
    fake.server.script(
      { content: 'Answer: 4', reasoning: 'two plus two', reasoningField: field },
      { content: 'Answer: 4', reasoning: 'two plus two', reasoningField: field },
    );
    const response = await model().chat(ask('2+2?'));
    expect(response.reasoning).toBe('two plus two');
    const deltas = await collect(model().stream(ask('2+2?')));
    const reasoning = deltas.flatMap((delta) => (delta.type === 'reasoning' ? [delta.text] : [])).join('');
    expect(reasoning).toBe('two plus two');
    expect(finished(deltas).reasoning).toBe('two plus two');
  });

  it('recovers several tool calls left in the content and removes them from it', async () => {
    const content =
      'I will look.\n<tool_call>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_call>\n' +
      '<tool_call>{"name": "get_weather", "arguments": {"city": "Rome"}}</tool_call>';
    fake.server.script({ content }, { content, chunkSize: 5 });
    const response = await model().chat(ask('Weather?', { tools: [weatherTool] }));
    expect(response.content).toBe('I will look.');
    expect(response.finishReason).toBe('tool_calls');
    expect(response.toolCalls.map((call) => JSON.parse(call.function.arguments).city)).toEqual(['Oslo', 'Rome']);
    const deltas = await collect(model().stream(ask('Weather?', { tools: [weatherTool] })));
    const streamed = deltas.flatMap((delta) => (delta.type === 'content' ? [delta.text] : [])).join('');
    expect(streamed).not.toContain('<tool_call');
    expect(streamed.trim()).toBe('I will look.');
    expect(finished(deltas).toolCalls.map((call) => call.function.name)).toEqual(['get_weather', 'get_weather']);
  });

  it('passes extra_params through (except endpoint) and lets request fields win', async () => {
    fake.server.script('ok');
    await model({
      extraParams: {
        temperature: 0.5,
        top_p: 0.9,
        max_tokens: 2048,
        chat_template_kwargs: { enable_thinking: false },
        repetition_penalty: 1.1,
        endpoint: '/v1/chat/completions',
        stream: true,
      },
    }).chat(ask('hi', { temperature: 0 }));
    const body = fake.server.requests[0]?.body ?? {};
    expect(body).toMatchObject({
      temperature: 0,
      top_p: 0.9,
      max_tokens: 2048,
      chat_template_kwargs: { enable_thinking: false },
      repetition_penalty: 1.1,
    });
    expect(body).not.toHaveProperty('endpoint');
    expect(body).not.toHaveProperty('stream');
  });

  it('keeps finish_reason length on a tool call cut by max_tokens, whole (raw text) and streamed (partial call)', async () => {
    const cut = {
      fault: 'length-in-tool-call' as const,
      toolCall: { name: 'get_weather', arguments: { city: 'Oslo' } },
    };
    fake.server.script(cut, cut);
    const whole = await model().chat(ask('weather?', { tools: [weatherTool] }));
    expect(whole).toMatchObject({ finishReason: 'length', toolCalls: [] });
    expect(whole.content).toBe('<tool_call>\n{"name": "get_weather", "arguments": {"city"');
    const streamed = finished(await collect(model().stream(ask('weather?', { tools: [weatherTool] }))));
    expect(streamed.finishReason).toBe('length');
    expect(streamed.toolCalls[0]?.function).toEqual({ name: 'get_weather', arguments: '{"city"' });
  });
});
