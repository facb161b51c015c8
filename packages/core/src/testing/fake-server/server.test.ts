import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './server';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ model: 'm1' });
});
afterAll(() => server.close());

const post = (path: string, body: unknown, signal?: AbortSignal) =>
  fetch(`${server.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-test': 'yes' },
    body: JSON.stringify(body),
    signal,
  });

describe('fake OpenAI-compatible server (raw HTTP)', () => {
  it('listens on 127.0.0.1 with a /v1 base URL and serves /health and /v1/models', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    expect((await fetch(`${server.origin}/health`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/models`)).json()).toMatchObject({ data: [{ id: 'm1' }] });
  });

  it('streams SSE with split tool-call deltas, a finish chunk, a usage chunk and [DONE]', async () => {
    server.script({ toolCalls: [{ id: 'c1', name: 'f', arguments: { path: 'a/long/path.txt' } }], chunkSize: 4 });
    const response = await post('/v1/chat/completions', {
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n\n').filter(Boolean);
    expect(events.at(-1)).toBe('data: [DONE]');
    const chunks = events.slice(0, -1).map((event) => JSON.parse(event.slice('data: '.length)));
    const argumentPieces = chunks.flatMap(
      (chunk) =>
        chunk.choices[0]?.delta?.tool_calls?.map(
          (call: { function: { arguments: string } }) => call.function.arguments,
        ) ?? [],
    );
    expect(argumentPieces.length).toBeGreaterThan(3);
    expect(argumentPieces.join('')).toBe('{"path":"a/long/path.txt"}');
    expect(chunks.at(-2).choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: expect.any(Number) } });
  });

  it('omits the usage chunk unless include_usage is asked for', async () => {
    const text = await (await post('/v1/chat/completions', { messages: [], stream: true })).text();
    expect(text).not.toContain('"usage"');
  });

  it('echoes the prompt in /generate answers like vLLM and records requests with headers', async () => {
    server.script('world');
    const answer = await (await post('/generate', { prompt: 'hello ', max_tokens: 5 })).json();
    expect(answer).toEqual({ text: ['hello world'] });
    expect(server.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/generate',
      body: { prompt: 'hello ', max_tokens: 5 },
      aborted: false,
    });
    expect(server.requests.at(-1)?.headers['x-test']).toBe('yes');
  });

  it('answers from a handler with the call context when the queue is empty', async () => {
    server.setHandler((body, context) => `${context.path} #${context.callIndex} ${String(body.model)}`);
    const answer = await (await post('/v1/chat/completions', { model: 'x', messages: [] })).json();
    expect(answer.choices[0].message.content).toBe(`/v1/chat/completions #${server.requests.length - 1} x`);
    server.setHandler(undefined);
  });

  it('sends 404 for unknown routes and 400 for bodies that are not JSON', async () => {
    expect((await post('/v2/nothing', {})).status).toBe(404);
    const response = await fetch(`${server.url}/chat/completions`, { method: 'POST', body: 'nope' });
    expect(response.status).toBe(400);
  });

  it('counts a client that hangs up on a hanging request', async () => {
    server.script({ fault: 'hang' });
    const before = server.disconnects;
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const outcome = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      body: JSON.stringify({ messages: [] }),
      signal: controller.signal,
    }).catch((error: unknown) => error);
    expect(outcome).toBeInstanceOf(Error);
    await server.waitForDisconnects(before + 1);
    expect(server.requests.at(-1)?.aborted).toBe(true);
  });

  it('sends headers then silence, and a stalled stream keeps its first chunks', async () => {
    server.script(
      { fault: 'headers-then-silence' },
      { fault: 'stall-stream', answer: { content: 'abcdefgh', chunkSize: 2 }, afterChunks: 2 },
    );
    const controller = new AbortController();
    const silent = await post('/v1/chat/completions', { messages: [], stream: true }, controller.signal);
    expect(silent.status).toBe(200);
    const stalled = await post('/v1/chat/completions', { messages: [], stream: true }, controller.signal);
    const reader = stalled.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('"role":"assistant"');
    controller.abort();
  });

  it('answers a tool call cut by max_tokens as hermes does: raw text with finish_reason length', async () => {
    server.script({ fault: 'length-in-tool-call', toolCall: { name: 'read_file', arguments: { path: 'README.md' } } });
    const answer = await (await post('/v1/chat/completions', { messages: [] })).json();
    expect(answer.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: '<tool_call>\n{"name": "read_file", "arguments": {"path":"R' },
    });
    expect(answer.choices[0].message.tool_calls).toBeUndefined();
  });
});

describe('fake OpenAI-compatible server (vLLM configuration errors)', () => {
  it('lists only the served model names and answers other ids with 404', async () => {
    const strict = await startFakeOpenAIServer({ servedModelNames: ['Qwen/Qwen3-8B', 'my-lora'] });
    try {
      const models = await (await fetch(`${strict.url}/models`)).json();
      expect(models.data.map((entry: { id: string }) => entry.id)).toEqual(['Qwen/Qwen3-8B', 'my-lora']);
      const response = await fetch(`${strict.url}/chat/completions`, {
        method: 'POST',
        body: JSON.stringify({ model: 'qwen3', messages: [] }),
      });
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe('The model `qwen3` does not exist.');
    } finally {
      await strict.close();
    }
  });

  it('rejects tools with auto tool choice when started without --enable-auto-tool-choice', async () => {
    const plain = await startFakeOpenAIServer({ autoToolChoice: false });
    try {
      const send = (body: Record<string, unknown>) =>
        fetch(`${plain.url}/chat/completions`, { method: 'POST', body: JSON.stringify({ messages: [], ...body }) });
      const tools = [{ type: 'function', function: { name: 'f', parameters: {} } }];
      const rejected = await send({ tools });
      expect(rejected.status).toBe(400);
      expect((await rejected.json()).error.message).toContain('--enable-auto-tool-choice');
      expect((await send({ tools, tool_choice: 'auto' })).status).toBe(400);
      expect((await send({ tools, tool_choice: 'required' })).status).toBe(200);
      expect((await send({})).status).toBe(200);
    } finally {
      await plain.close();
    }
  });

  it('answers a legacy /generate body with a key SamplingParams does not know with a bare 500', async () => {
    const response = await post('/generate', { prompt: 'x', chat_template_kwargs: { enable_thinking: false } });
    expect(response.status).toBe(500);
    expect(await response.text()).toBe('Internal Server Error');
  });
});
