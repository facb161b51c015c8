import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AIMEConfig } from '../config/load-config';
import { modelConfigSchema } from '../config/model-config';
import { ConfigError } from '../errors/config-error';
import { type FakeOpenAIServer, ScriptedModel, startFakeOpenAIServer } from '../testing/index';
import { checkModelReady } from './check-model-ready';
import { createModel } from './create-model';
import { registerModelProvider } from './model-providers';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ model: 'served-model' });
});
afterAll(() => server.close());

function config(model: Record<string, unknown>, apiKey?: string): AIMEConfig {
  const parsed = modelConfigSchema.parse(model);
  return {
    directory: '/tmp',
    model: parsed,
    judge: { mode: 'model', model: parsed, apiKey, ownModel: false },
    gepa: {} as AIMEConfig['gepa'],
    toolBundles: {},
    apiKey,
    paths: { projectRoot: '/', tracesDir: '/tmp', gepaTraceFile: '/tmp/gepa.jsonl', gepaRunDir: '/tmp/gepa' },
  };
}

describe('createModel', () => {
  it('builds a registered provider, and names the package to register when offline is missing', async () => {
    expect(() => createModel(config({}))).toThrow(ConfigError);
    expect(() => createModel(config({}))).toThrow(/registerOfflineModel\(\) from @gepa-aime\/offline-model/);
    const registered = new ScriptedModel({ fallback: 'from the registry' });
    const unregister = registerModelProvider('offline', (received) => {
      expect(received.model.provider).toBe('offline');
      return registered;
    });
    try {
      const model = createModel(config({}));
      expect(model).toBe(registered);
      expect((await model.chat({ messages: [{ role: 'user', content: 'hello' }] })).content).toBe('from the registry');
    } finally {
      unregister();
    }
    expect(() => createModel(config({}))).toThrow(ConfigError);
  });

  it('builds the vllm provider from config (api key, extra params, timeouts)', async () => {
    const model = createModel(
      config({ provider: 'vllm', model: 'served-model', api_base: server.url, extra_params: { top_p: 0.7 } }, 'key-1'),
    );
    expect(model).toMatchObject({ provider: 'vllm', modelId: 'served-model' });
    server.script('from the server');
    const response = await model.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(response.content).toBe('from the server');
    const last = server.requests.at(-1);
    expect(last?.headers.authorization).toBe('Bearer key-1');
    expect(last?.body).toMatchObject({ model: 'served-model', top_p: 0.7 });
  });

  it('uses an injected fetch', async () => {
    const seen: string[] = [];
    const model = createModel(config({ provider: 'openai', model: 'm', api_base: server.url }), {
      fetch: (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    await model.chat({ messages: [{ role: 'user', content: 'hi' }] });
    expect(seen).toEqual([`${server.url}/chat/completions`]);
  });
});

describe('checkModelReady', () => {
  const served = (extra: Record<string, unknown> = {}) =>
    config({ provider: 'vllm', api_base: server.url, model: 'served-model', ...extra });

  it('is always ready offline', async () => {
    expect(await checkModelReady(config({}))).toMatchObject({ ready: true });
  });

  it('is ready when /v1/models lists the configured model', async () => {
    expect(await checkModelReady(served())).toEqual({ ready: true, detail: `${server.url}/models lists served-model` });
  });

  it('is not ready when the server does not serve the configured model, and names the served ids', async () => {
    const other = await startFakeOpenAIServer({ servedModelNames: ['Qwen/Qwen3-8B', 'qwen-lora'] });
    try {
      const readiness = await checkModelReady(config({ provider: 'vllm', api_base: other.url, model: 'qwen3' }));
      expect(readiness.ready).toBe(false);
      expect(readiness.detail).toContain('does not list the configured model "qwen3"');
      expect(readiness.detail).toContain('served: Qwen/Qwen3-8B, qwen-lora');
      // what the readiness promises: every request for that id is refused
      const model = createModel(config({ provider: 'vllm', api_base: other.url, model: 'qwen3', max_retries: 0 }));
      await expect(model.chat({ messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({
        code: 'model_not_found',
      });
    } finally {
      await other.close();
    }
  });

  it('trusts /health when the server has no model list, and says the id was not checked', async () => {
    const noModels = await startFakeOpenAIServer({ modelsStatus: 404 });
    try {
      const readiness = await checkModelReady(config({ provider: 'vllm', api_base: noModels.url, model: 'any' }));
      expect(readiness).toEqual({
        ready: true,
        detail: `${noModels.origin}/health answered 200 (${noModels.url}/models: HTTP 404, so the model id was not checked)`,
      });
    } finally {
      await noModels.close();
    }
  });

  it('uses /v1/models when /health fails', async () => {
    const noHealth = await startFakeOpenAIServer({ healthStatus: 404, model: 'served-model' });
    try {
      const readiness = await checkModelReady(
        config({ provider: 'vllm', api_base: noHealth.url, model: 'served-model' }),
      );
      expect(readiness).toEqual({ ready: true, detail: `${noHealth.url}/models lists served-model` });
    } finally {
      await noHealth.close();
    }
  });

  it('asks only /health of a legacy /generate server (it has no model list)', async () => {
    const readiness = await checkModelReady(served({ extra_params: { endpoint: '/generate' }, model: 'unlisted' }));
    expect(readiness).toEqual({ ready: true, detail: `${server.origin}/health: HTTP 200` });
  });

  it('reports an unreachable server as not ready', async () => {
    const gone = await startFakeOpenAIServer();
    await gone.close();
    const readiness = await checkModelReady(config({ provider: 'vllm', api_base: gone.url }));
    expect(readiness.ready).toBe(false);
    expect(readiness.detail).toContain('/health');
  });
});
