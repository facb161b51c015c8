import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('GET /health and /ready', () => {
  it('reports liveness without auth and says whether auth is required', async () => {
    harness = await createTestApp({ apiToken: 'secret-token' });
    const response = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'ok', authRequired: true, version: expect.any(String) });
  });

  it('is ready when the model check passes, 503 with the detail when it fails or throws', async () => {
    let answer: () => Promise<{ ready: boolean; detail: string }> = async () => ({
      ready: true,
      detail: 'vLLM /health 200',
    });
    harness = await createTestApp({ readiness: () => answer(), model: { provider: 'vllm', model: 'qwen' } });
    const ready = await harness.app.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, detail: 'vLLM /health 200', provider: 'vllm', model: 'qwen' });

    answer = async () => ({ ready: false, detail: 'http://127.0.0.1:9/health: connect ECONNREFUSED' });
    const down = await harness.app.inject({ method: 'GET', url: '/ready' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ ready: false, detail: expect.stringContaining('ECONNREFUSED') });

    answer = async () => {
      throw new Error('probe exploded');
    };
    const thrown = await harness.app.inject({ method: 'GET', url: '/ready' });
    expect(thrown.statusCode).toBe(503);
    expect(thrown.json()).toMatchObject({ ready: false, detail: 'probe exploded' });
  });
});
