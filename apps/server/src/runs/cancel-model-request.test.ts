import { createModel, loadConfig } from '@gepa-aime/core';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, REPOSITORY_CONFIG_DIRECTORY, type TestApp, waitFor } from '../test-support/test-app';

let harness: TestApp | undefined;
let fake: FakeOpenAIServer | undefined;
afterEach(async () => {
  await harness?.cleanup();
  await fake?.close();
  harness = undefined;
  fake = undefined;
});

describe('cancelling a running run', () => {
  it('aborts the in-flight model request: the model server sees the client disconnect', async () => {
    fake = await startFakeOpenAIServer({ replies: [{ fault: 'hang' }] });
    const config = loadConfig({
      directory: REPOSITORY_CONFIG_DIRECTORY,
      env: { AIME_PROVIDER: 'vllm', AIME_API_BASE: fake.url, AIME_MODEL: 'fake-model' },
    });
    harness = await createTestApp({ innerModel: createModel(config) });
    const { app } = harness;
    const server = fake;

    const runId = (
      await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'Summarise the repository' } })
    ).json().id;
    await waitFor(() => server.modelRequests().length === 1);
    expect(server.disconnects).toBe(0);

    const cancelled = await app.inject({ method: 'POST', url: `/runs/${runId}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    await server.waitForDisconnects(1, 5000);
    expect(server.modelRequests()[0]?.aborted).toBe(true);
    expect(server.modelRequests()).toHaveLength(1);

    const events = (await app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events;
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'cancelled' });
  });
});
