import { describe, expect, it } from 'vitest';
import { useFakeModelServer } from '../../testing/openai-compatible-fixtures';
import { BadRequestError, ModelServerError } from '../errors/index';
import type { ChatDelta, ChatRequest, ToolDefinition } from '../types';
import { chatBaseUrl, endpointKind, endpointUrl } from './endpoints';

const fake = useFakeModelServer();

function model(endpoint: string, apiBase = fake.server.url) {
  return fake.model({ apiBase, extraParams: { endpoint, temperature: 0.5, max_tokens: 64, top_p: 0.9 } });
}

const request: ChatRequest = {
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'Name a colour.' },
  ],
};

describe('extra_params.endpoint', () => {
  it('resolves endpoint kinds and URLs against the server root', () => {
    expect(endpointKind(undefined)).toBe('chat');
    expect(endpointKind('/v1/chat/completions')).toBe('chat');
    expect(endpointKind('/v1/completions')).toBe('completions');
    expect(endpointKind('/v1/generate')).toBe('generate');
    expect(endpointKind('/generate')).toBe('generate');
    expect(endpointUrl('https://gw.example.com', '/v1/generate')).toBe('https://gw.example.com/v1/generate');
    expect(endpointUrl('http://h:8000/v1/', '/generate')).toBe('http://h:8000/generate');
    expect(chatBaseUrl('https://gw.example.com', undefined)).toBe('https://gw.example.com/v1');
    expect(chatBaseUrl('http://h:8000/v1', undefined)).toBe('http://h:8000/v1');
    expect(chatBaseUrl('http://h:8000/v1', '/openai/v1/chat/completions')).toBe('http://h:8000/openai/v1');
  });

  it('/v1/completions sends a rendered prompt and maps choices[0].text to content', async () => {
    fake.server.script({ content: ' Blue.', usage: { prompt_tokens: 9, completion_tokens: 2 } });
    const response = await model('/v1/completions').chat(request);
    const recorded = fake.server.requests[0];
    expect(recorded?.path).toBe('/v1/completions');
    expect(recorded?.body).toMatchObject({ model: 'qwen3-test', temperature: 0.5, max_tokens: 64, top_p: 0.9 });
    expect(recorded?.body).not.toHaveProperty('endpoint');
    expect(recorded?.body?.prompt).toBe('System: Be brief.\n\nUser: Name a colour.\n\nAssistant:');
    expect(response).toMatchObject({ content: 'Blue.', finishReason: 'stop' });
    expect(response.usage).toEqual({ promptTokens: 9, completionTokens: 2, totalTokens: 11 });
  });

  it('/generate posts {prompt, ...params}, strips the echoed prompt and estimates usage', async () => {
    fake.server.script({ content: ' Green.' });
    const response = await model('/generate').chat(request);
    const recorded = fake.server.requests[0];
    expect(recorded?.path).toBe('/generate');
    expect(Object.keys(recorded?.body ?? {}).sort()).toEqual(['max_tokens', 'prompt', 'temperature', 'top_p']);
    expect(response.content).toBe('Green.');
    expect(response.usage.estimated).toBe(true);
  });

  it('the seed example: api_base without /v1 and endpoint /v1/generate', async () => {
    fake.server.script({ content: 'Red.' });
    const response = await model('/v1/generate', fake.server.origin).chat(request);
    expect(fake.server.requests[0]?.path).toBe('/v1/generate');
    expect(response.content).toBe('Red.');
  });

  it('recovers tool calls from generate text and streams the result', async () => {
    const tool: ToolDefinition = {
      type: 'function',
      function: { name: 'list_dir', description: 'List a directory', parameters: { type: 'object', properties: {} } },
    };
    fake.server.script({ content: '<tool_call>{"name": "list_dir", "arguments": {"path": "."}}</tool_call>' });
    const deltas: ChatDelta[] = [];
    for await (const delta of model('/generate').stream({ ...request, tools: [tool], toolChoice: 'required' })) {
      deltas.push(delta);
    }
    expect(String(fake.server.requests[0]?.body?.prompt)).toContain('You must call a tool.');
    const last = deltas.at(-1);
    expect(last?.type === 'finish' && last.response.toolCalls[0]?.function).toEqual({
      name: 'list_dir',
      arguments: '{"path":"."}',
    });
  });

  it('retries text endpoints on 5xx', async () => {
    fake.server.script({ fault: 'server-error' }, { fault: 'server-error' });
    await expect(model('/v1/completions').chat(request)).rejects.toBeInstanceOf(ModelServerError);
    expect(fake.server.requests).toHaveLength(2);
  });
});

describe('extra_params per endpoint', () => {
  const configured = {
    temperature: 0.5,
    max_tokens: 64,
    repetition_penalty: 1.1,
    chat_template_kwargs: { enable_thinking: false },
    parallel_tool_calls: false,
  };
  const withEndpoint = (endpoint: string) => fake.model({ extraParams: { endpoint, ...configured } });

  it('sends the legacy /generate server only SamplingParams fields (it answers any other key with a bare 500)', async () => {
    fake.server.script({ content: ' Green.' });
    const response = await withEndpoint('/generate').chat(request);
    expect(response.content).toBe('Green.');
    expect(fake.server.modelRequests()).toHaveLength(1);
    expect(Object.keys(fake.server.requests[0]?.body ?? {}).sort()).toEqual([
      'max_tokens',
      'prompt',
      'repetition_penalty',
      'temperature',
    ]);
  });

  it('leaves chat-only parameters out of /v1/completions and sends them to chat completions', async () => {
    fake.server.script('Blue.', 'Blue.');
    await withEndpoint('/v1/completions').chat(request);
    expect(fake.server.requests[0]?.body).toMatchObject({ temperature: 0.5, max_tokens: 64, repetition_penalty: 1.1 });
    expect(fake.server.requests[0]?.body).not.toHaveProperty('chat_template_kwargs');
    expect(fake.server.requests[0]?.body).not.toHaveProperty('parallel_tool_calls');
    await fake.model({ extraParams: configured }).chat(request);
    expect(fake.server.requests[1]?.body).toMatchObject(configured);
  });

  it('does not retry a 500 whose body says the request is invalid', async () => {
    fake.server.script({
      fault: 'error',
      status: 500,
      shape: 'detail',
      message: "SamplingParams.__init__() got an unexpected keyword argument 'best_of'",
    });
    const failure = await withEndpoint('/generate')
      .chat(request)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BadRequestError);
    expect(failure).toMatchObject({ status: 500, retryable: false });
    expect(fake.server.requests).toHaveLength(1);
  });
});
