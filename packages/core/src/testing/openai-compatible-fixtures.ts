import { afterAll, beforeAll, beforeEach } from 'vitest';
import {
  OpenAICompatibleModel,
  type OpenAICompatibleModelOptions,
} from '../llm/openai-compatible/openai-compatible-model';
import type { ToolDefinition } from '../llm/types';
import { type FakeOpenAIServer, startFakeOpenAIServer } from './fake-server/index';

export interface FakeModelServer {
  /** The fake OpenAI-compatible server (started before the file's tests, requests cleared before each). */
  readonly server: FakeOpenAIServer;
  /** A real OpenAICompatibleModel against the fake server: vLLM, `qwen3-test`, 5 s timeout, 1 retry, 1 ms retry delay. */
  model(overrides?: Partial<OpenAICompatibleModelOptions>): OpenAICompatibleModel;
}

/** Registers the fake server's lifecycle hooks for the calling test file; `defaults` apply to every model. */
export function useFakeModelServer(defaults: Partial<OpenAICompatibleModelOptions> = {}): FakeModelServer {
  let started: FakeOpenAIServer | undefined;
  beforeAll(async () => {
    started = await startFakeOpenAIServer();
  });
  afterAll(() => started?.close());
  beforeEach(() => {
    if (started) started.requests.length = 0;
  });
  const fake: FakeModelServer = {
    get server() {
      if (!started) throw new Error('the fake model server is only available inside tests');
      return started;
    },
    model: (overrides = {}) =>
      new OpenAICompatibleModel({
        provider: 'vllm',
        model: 'qwen3-test',
        apiBase: fake.server.url,
        requestTimeoutMs: 5000,
        maxRetries: 1,
        retryBaseDelayMs: 1,
        ...defaults,
        ...overrides,
      }),
  };
  return fake;
}

/** A one-parameter tool the client tests offer the model. */
export const weatherTool: ToolDefinition = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
