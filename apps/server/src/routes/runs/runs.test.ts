import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';

const GOAL = 'Summarise the repository layout and propose next steps';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

async function start(options: Parameters<typeof createTestApp>[0] = {}): Promise<TestApp> {
  harness = await createTestApp(options);
  return harness;
}

async function createRun(testApp: TestApp, body: object = { goal: GOAL }): Promise<string> {
  const response = await testApp.app.inject({ method: 'POST', url: '/runs', payload: body });
  expect(response.statusCode).toBe(202);
  return response.json().id as string;
}

async function waitForStatus(testApp: TestApp, runId: string, statuses: string[]): Promise<Record<string, unknown>> {
  return waitFor(async () => {
    const response = await testApp.app.inject({ method: 'GET', url: `/runs/${runId}` });
    const body = response.json();
    return statuses.includes(body.status) ? body : undefined;
  });
}

describe('POST /runs', () => {
  it('accepts a goal with 202, a Location and links, and runs it to a report', async () => {
    const testApp = await start();
    const response = await testApp.app.inject({
      method: 'POST',
      url: '/runs',
      payload: { goal: GOAL, maxIterations: 5 },
    });
    expect(response.statusCode).toBe(202);
    const body = response.json();
    expect(body.id).toMatch(/^run-/);
    expect(['queued', 'running']).toContain(body.status);
    expect(response.headers.location).toBe(`/runs/${body.id}`);
    expect(body.links).toEqual({
      self: `/runs/${body.id}`,
      events: `/runs/${body.id}/events`,
      cancel: `/runs/${body.id}/cancel`,
      websocket: '/ws',
    });
    const detail = await waitForStatus(testApp, body.id, ['completed', 'failed', 'limit-reached']);
    expect(detail.goal).toBe(GOAL);
    expect(detail.maxIterations).toBe(5);
    expect(detail.model).toBe('offline');
    expect((detail.report as { goal: string }).goal).toBe(GOAL);
    expect((detail.tasks as unknown[]).length).toBeGreaterThan(0);
    expect(detail.markdown).toContain('[');
    expect((detail.usage as { totalTokens: number }).totalTokens).toBeGreaterThan(0);
  });

  it.each([
    [{}, 'body.goal'],
    [{ goal: '   ' }, 'body.goal'],
    [{ goal: 'x'.repeat(8001) }, 'body.goal'],
    [{ goal: 42 }, 'body.goal'],
    [{ goal: GOAL, maxIterations: 0 }, 'body.maxIterations'],
    [{ goal: GOAL, maxIterations: 'many' }, 'body.maxIterations'],
    [{ goal: GOAL, maxParallelActors: 99 }, 'body.maxParallelActors'],
    [{ goal: GOAL, priority: 'high' }, 'body.priority'],
  ])('rejects %j with a 400 naming %s', async (payload, field) => {
    const testApp = await start();
    const response = await testApp.app.inject({ method: 'POST', url: '/runs', payload });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.error).toBe('bad_request');
    expect(body.fields.map((entry: { path: string }) => entry.path)).toContain(field);
    // The message names the field for a person (`goal is required`); `fields` keeps the full path.
    expect(body.message).toContain(field.replace(/^body\./, ''));
    expect(body.message).not.toContain('body.');
  });

  it('rejects malformed JSON, other media types and oversized bodies without a 500', async () => {
    const testApp = await start();
    const malformed = await testApp.app.inject({
      method: 'POST',
      url: '/runs',
      headers: { 'content-type': 'application/json' },
      payload: '{"goal": ',
    });
    expect(malformed.statusCode).toBe(400);
    const textBody = await testApp.app.inject({
      method: 'POST',
      url: '/runs',
      headers: { 'content-type': 'text/plain' },
      payload: GOAL,
    });
    expect(textBody.statusCode).toBe(415);
    expect(textBody.json().message).toContain('application/json');
    const xmlBody = await testApp.app.inject({
      method: 'POST',
      url: '/runs',
      headers: { 'content-type': 'application/xml' },
      payload: `<goal>${GOAL}</goal>`,
    });
    expect(xmlBody.statusCode).toBe(415);
    const huge = await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'x'.repeat(70_000) } });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().error).toBe('payload_too_large');
  });

  it('rate-limits run creation per client', async () => {
    const testApp = await start({ runsPerMinute: 2 });
    testApp.model.close();
    await createRun(testApp);
    await createRun(testApp);
    const limited = await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL } });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error).toBe('rate_limited');
    // Seconds until the one-minute window lets this client in again.
    const retryAfter = Number(limited.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it('answers 503 once the service is shutting down', async () => {
    const testApp = await start();
    await testApp.app.aime.manager.shutdown(1000);
    const response = await testApp.app.inject({ method: 'POST', url: '/runs', payload: { goal: GOAL } });
    expect(response.statusCode).toBe(503);
    expect(response.json().error).toBe('service_unavailable');
  });
});

describe('GET /runs', () => {
  it('lists newest first with cursor pagination and a status filter', async () => {
    const testApp = await start({ concurrency: 1 });
    testApp.model.close();
    const ids: string[] = [];
    for (const goal of ['first goal', 'second goal', 'third goal']) {
      ids.push(await createRun(testApp, { goal }));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const first = await testApp.app.inject({ method: 'GET', url: '/runs?limit=2' });
    expect(first.statusCode).toBe(200);
    const page1 = first.json();
    expect(page1.runs.map((run: { id: string }) => run.id)).toEqual([ids[2], ids[1]]);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const second = await testApp.app.inject({ method: 'GET', url: `/runs?limit=2&cursor=${page1.nextCursor}` });
    const page2 = second.json();
    expect(page2.runs.map((run: { id: string }) => run.id)).toEqual([ids[0]]);
    expect(page2.nextCursor).toBeNull();

    const queued = await testApp.app.inject({ method: 'GET', url: '/runs?status=queued' });
    expect(queued.json().runs.map((run: { id: string }) => run.id)).toEqual([ids[2], ids[1]]);
    const several = await testApp.app.inject({ method: 'GET', url: '/runs?status=running,queued' });
    expect(several.json().runs).toHaveLength(3);
  });

  it.each([
    [
      '/runs?status=done',
      'querystring.status',
      'query parameter status must be one or more of queued, running, waiting, completed, failed, cancelled, interrupted, limit-reached (got "done")',
    ],
    ['/runs?limit=0', 'querystring.limit', 'query parameter limit must be a whole number from 1 to 100'],
    ['/runs?limit=abc', 'querystring.limit', 'query parameter limit must be a whole number from 1 to 100'],
    ['/runs?cursor=not-a-cursor', 'querystring.cursor', 'query parameter cursor: not a cursor from this server'],
  ])('rejects %s with a 400 naming %s in words', async (url, field, message) => {
    const testApp = await start();
    const response = await testApp.app.inject({ method: 'GET', url });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields.map((entry: { path: string }) => entry.path)).toEqual([field]);
    expect(response.json().message).toBe(message);
  });
});

describe('GET /runs/:id and /runs/:id/events', () => {
  it('404s unknown runs and 400s ids that cannot be run ids', async () => {
    const testApp = await start();
    for (const url of ['/runs/run-unknown', '/runs/run-unknown/events']) {
      const response = await testApp.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ statusCode: 404, error: 'run_not_found' });
    }
    const cancel = await testApp.app.inject({ method: 'POST', url: '/runs/run-unknown/cancel' });
    expect(cancel.statusCode).toBe(404);
    const traversal = await testApp.app.inject({ method: 'GET', url: '/runs/..%2F..%2Fetc' });
    expect(traversal.statusCode).toBe(400);
    expect(traversal.json().fields[0].path).toBe('params.id');
  });

  it('returns events after a seq as JSON pages or NDJSON', async () => {
    const testApp = await start();
    const runId = await createRun(testApp);
    const detail = await waitForStatus(testApp, runId, ['completed', 'failed', 'limit-reached']);
    const lastSeq = detail.lastSeq as number;
    expect(lastSeq).toBeGreaterThan(4);

    const all = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json();
    expect(all.events.map((event: RunEvent) => event.seq)).toEqual(
      Array.from({ length: lastSeq }, (_, index) => index + 1),
    );
    expect(all.events[0].type).toBe('run-start');
    expect(all.events.at(-1).type).toBe('run-end');
    expect(all.nextAfter).toBeNull();

    const page = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events?after=2&limit=2` })).json();
    expect(page.events.map((event: RunEvent) => event.seq)).toEqual([3, 4]);
    expect(page.nextAfter).toBe(4);
    expect(page.lastSeq).toBe(lastSeq);

    const ndjson = await testApp.app.inject({
      method: 'GET',
      url: `/runs/${runId}/events?after=${lastSeq - 2}`,
      headers: { accept: 'application/x-ndjson' },
    });
    expect(ndjson.headers['content-type']).toContain('application/x-ndjson');
    const lines = ndjson.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as RunEvent);
    expect(lines.map((event) => event.seq)).toEqual([lastSeq - 1, lastSeq]);

    const bad = await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events?after=-1` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('querystring.after');
  });
});

describe('POST /runs/:id/cancel', () => {
  it('cancels a queued run before it starts', async () => {
    const testApp = await start({ concurrency: 1 });
    testApp.model.close();
    const running = await createRun(testApp);
    const queued = await createRun(testApp);
    const response = await testApp.app.inject({ method: 'POST', url: `/runs/${queued}/cancel` });
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('cancelled');
    const events = (await testApp.app.inject({ method: 'GET', url: `/runs/${queued}/events` })).json().events;
    expect(events).toEqual([expect.objectContaining({ seq: 1, type: 'run-end', status: 'cancelled' })]);
    expect((await testApp.app.inject({ method: 'GET', url: `/runs/${running}` })).json().status).toBe('running');
  });

  it('counts tasks a cancel cut short as cancelled, not failed, in GET /runs and GET /runs/:id', async () => {
    const testApp = await start();
    testApp.model.closeAfterCalls(1); // the planner answers; the actors' first model calls wait
    const runId = await createRun(testApp);
    await waitFor(async () => {
      const events = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events;
      return testApp.model.waiting > 0 && (events as RunEvent[]).some((event) => event.type === 'task-start');
    });
    expect((await testApp.app.inject({ method: 'POST', url: `/runs/${runId}/cancel` })).json().status).toBe(
      'cancelled',
    );
    const detail = await waitForStatus(testApp, runId, ['cancelled']);
    const events = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json()
      .events as RunEvent[];
    const ends = events.filter((event) => event.type === 'task-end');
    expect(ends.length).toBeGreaterThan(0);
    expect(ends.map((event) => event.status)).toEqual(ends.map(() => 'cancelled'));
    const counts = detail.taskCounts as Record<string, number>;
    expect(counts).toMatchObject({ cancelled: ends.length, failed: 0, in_progress: 0 });
    expect(detail.markdown).toContain('- [~] ');
    const listed = (await testApp.app.inject({ method: 'GET', url: '/runs' })).json().runs[0];
    expect(listed).toMatchObject({ id: runId, taskCounts: counts });
  });

  it('cancels a running run (idempotently) and leaves finished runs alone', async () => {
    const testApp = await start();
    testApp.model.close();
    const runId = await createRun(testApp);
    await waitFor(() => testApp.model.waiting > 0);
    const first = await testApp.app.inject({ method: 'POST', url: `/runs/${runId}/cancel` });
    expect(first.statusCode).toBe(200);
    expect(first.json().status).toBe('cancelled');
    const again = await testApp.app.inject({ method: 'POST', url: `/runs/${runId}/cancel` });
    expect(again.statusCode).toBe(200);
    expect(again.json().status).toBe('cancelled');
    const events = (await testApp.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json()
      .events as RunEvent[];
    expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);

    testApp.model.open();
    const finished = await createRun(testApp);
    await waitForStatus(testApp, finished, ['completed', 'failed', 'limit-reached']);
    const status = (await testApp.app.inject({ method: 'GET', url: `/runs/${finished}` })).json().status;
    const late = await testApp.app.inject({ method: 'POST', url: `/runs/${finished}/cancel` });
    expect(late.statusCode).toBe(200);
    expect(late.json().status).toBe(status);
  });
});
