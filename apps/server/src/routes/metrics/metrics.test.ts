import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name}${labels} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

describe('GET /metrics', () => {
  it('exposes runs by status, queue depth, events, model latency and tokens in Prometheus text', async () => {
    harness = await createTestApp({ concurrency: 1 });
    const testApp = harness;
    const first = (
      await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } })
    ).json();
    await waitFor(async () => {
      const run = (await testApp.app.inject({ method: 'GET', url: `/runs/${first.id}` })).json();
      return run.status !== 'queued' && run.status !== 'running';
    });
    testApp.model.close();
    await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'held at the gate' } });
    await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'waits in the queue' } });

    const response = await testApp.app.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    const text = response.body;
    expect(text).toContain('# TYPE aime_runs gauge');
    expect(sample(text, 'aime_runs', '{status="running"}')).toBe(1);
    expect(sample(text, 'aime_runs', '{status="queued"}')).toBe(1);
    expect(sample(text, 'aime_run_queue_depth')).toBe(1);
    expect(sample(text, 'aime_events_total', '{type="run-start"}')).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'aime_event_rate')).toBeGreaterThan(0);
    expect(sample(text, 'aime_model_tokens_total', '{role="planner",kind="prompt"}')).toBeGreaterThan(0);
    expect(sample(text, 'aime_model_requests_total', '{role="planner"}')).toBeGreaterThan(0);
    expect(sample(text, 'aime_model_request_duration_seconds_count', '{role="planner"}')).toBeGreaterThan(0);
    expect(text).toContain('aime_model_request_duration_seconds_bucket{role="planner",le="+Inf"}');
  });
});
