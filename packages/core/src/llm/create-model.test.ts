import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AimeConfig } from '../config/load-config';
import { modelConfigSchema } from '../config/model-config';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../testing/index';
import { checkModelReady } from './check-model-ready';
import { createModel } from './create-model';

let server: FakeOpenAIServer;
beforeAll(async () => {
  server = await startFakeOpenAIServer({ model: 'served-model' });
});
afterAll(() => server.close());

function config(model: Record<string, unknown>, apiKey?: string): AimeConfig {
  return {
    directory: '/tmp',
    model: modelConfigSchema.parse(model),
    gepa: {} as AimeConfig['gepa'],
    toolBundles: {},
    apiKey,
    paths: { projectRoot: '/', tracesDir: '/tmp', gepaTraceFile: '/tmp/gepa.jsonl', gepaRunDir: '/tmp/gepa' },
  };
}

describe('createModel', () => {
  it('builds the offline model by default', async () => {
    const model = createModel(config({}));
    expect(model.provider).toBe('offline');
    expect((await model.chat({ messages: [{ role: 'user', content: 'hello' }] })).model).toBe('offline');
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
  it('is always ready offline', async () => {
    expect(await checkModelReady(config({}))).toMatchObject({ ready: true });
  });

  it('probes /health of a vllm server', async () => {
    const readiness = await checkModelReady(config({ provider: 'vllm', api_base: server.url }));
    expect(readiness).toEqual({ ready: true, detail: `${server.origin}/health answered 200` });
  });

  it('falls back to /v1/models when /health fails', async () => {
    const noHealth = await startFakeOpenAIServer({ healthStatus: 404 });
    try {
      const readiness = await checkModelReady(config({ provider: 'vllm', api_base: noHealth.url }));
      expect(readiness).toEqual({ ready: true, detail: `${noHealth.url}/models answered 200` });
    } finally {
      await noHealth.close();
    }
  });

  it('reports an unreachable server as not ready', async () => {
    const gone = await startFakeOpenAIServer();
    await gone.close();
    const readiness = await checkModelReady(config({ provider: 'vllm', api_base: gone.url }));
    expect(readiness.ready).toBe(false);
    expect(readiness.detail).toContain('/health');
  });
});
