import type { FakeHandler, FakeReply } from '@gepa-aime/core/testing';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultyHandler, messagesOf, type RequestRole, responderHandler, roleOf } from './support/fake-handlers';
import {
  expectCompleteEventLog,
  expectLogFileParses,
  type FinishedRun,
  runThroughApi,
} from './support/run-through-api';
import { type ServiceHarness, startServiceHarness, waitUntil } from './support/service-harness';

/**
 * Fault injection through the whole stack: Fastify app → run manager → AIME workflow → the real
 * OpenAI-compatible client → the fake server with injected faults. Every run must end in a defined
 * status with a report and a complete event log, and the server must serve the next run.
 */
// Small enough that hangs fail fast, large enough that a loaded CI machine answers healthy calls in time.
const REQUEST_TIMEOUT_SECONDS = 1.5;
const healthy = responderHandler({ tasks: 2, callsPerTask: 2 });
const always = () => true;
const onRole = (wanted: RequestRole) => (role: RequestRole) => role === wanted;

let fake: FakeOpenAIServer;
let harness: ServiceHarness;

beforeAll(async () => {
  fake = await startFakeOpenAIServer({ handler: healthy });
  harness = await startServiceHarness({
    fake,
    requestTimeout: REQUEST_TIMEOUT_SECONDS,
    maxRetries: 1,
    limits: { maxActorSteps: 4, maxIterations: 4, maxReplans: 2, loopLimit: 3 },
  });
});

afterAll(async () => {
  await harness?.cleanup();
  await fake?.close();
});

async function runWith(handler: FakeHandler, goal: string): Promise<FinishedRun & { modelCalls: number }> {
  fake.setHandler(handler);
  const before = fake.modelRequests().length;
  try {
    const run = await runThroughApi(harness.app, { goal, maxIterations: 4 });
    expectCompleteEventLog(run.events, run.id);
    await expectLogFileParses(harness.tracesDir, run.id, run.events);
    const runEnd = run.events.at(-1);
    expect(runEnd?.type === 'run-end' && runEnd.status).toBe(run.detail.status);
    expect(run.detail.report).not.toBeNull();
    expect(run.detail.report?.status).toBe(run.detail.status);
    return { ...run, modelCalls: fake.modelRequests().length - before };
  } finally {
    fake.setHandler(healthy);
  }
}

async function expectServerServesNextRun(): Promise<void> {
  expect((await harness.app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  const next = await runWith(healthy, 'Healthy run after a fault');
  expect(next.detail.status).toBe('completed');
}

describe('fault injection through the server (fake model server, real client)', () => {
  it('a healthy run completes (the baseline every scenario is compared with)', async () => {
    const run = await runWith(healthy, 'Baseline run');
    expect(run.detail.status).toBe('completed');
    expect(run.events.filter((event) => event.type === 'task-end')).toHaveLength(2);
    // 2 planner calls (the plan, then done after the parallel batch) + 2 tasks × 2 actor calls
    // + 3 judge calls (each task, then the goal).
    expect(run.modelCalls).toBe(2 + 4 + 3);
  });

  it('500s on every judge call never fail the run: the checks decide and the verdicts say so', async () => {
    const run = await runWith(faultyHandler(healthy, onRole('judge'), { fault: 'server-error' }), 'Judge 500s');
    expect(run.detail.status).toBe('completed');
    const verdicts = run.events.filter((event) => event.type === 'judge-verdict');
    expect(verdicts).toHaveLength(3);
    for (const verdict of verdicts) {
      expect(verdict).toMatchObject({ source: 'checks', verdict: 'pass' });
      expect(verdict.type === 'judge-verdict' && verdict.fallback).toMatch(/judge model error/);
    }
  });

  it('a 429 storm longer than the retries fails the run with a rate-limit error', async () => {
    const run = await runWith(faultyHandler(healthy, always, { fault: 'rate-limit', retryAfter: 0 }), '429 storm');
    expect(run.detail.status).toBe('failed');
    expect(run.detail.error).toMatch(/rate|429/i);
    expect(run.modelCalls).toBe(2);
    await expectServerServesNextRun();
  });

  it('a 429 burst within the retries is absorbed and the run completes', async () => {
    const seen = new Set<string>();
    const firstAttemptLimited: FakeHandler = (body, context) => {
      const key = JSON.stringify(body.messages);
      if (seen.has(key)) return healthy(body, context);
      seen.add(key);
      return { fault: 'rate-limit', retryAfter: 0 };
    };
    const run = await runWith(firstAttemptLimited, '429 burst');
    expect(run.detail.status).toBe('completed');
    expect(run.modelCalls).toBe(2 * (2 + 4 + 3));
  });

  it('500s on every actor call fail the tasks, and the run ends failed with a report', async () => {
    const run = await runWith(faultyHandler(healthy, onRole('actor'), { fault: 'server-error' }), 'Actor 500s');
    expect(run.detail.status).toBe('failed');
    const taskEnds = run.events.filter((event) => event.type === 'task-end');
    expect(taskEnds).toHaveLength(2);
    for (const end of taskEnds) expect(end.type === 'task-end' && end.summary).toMatch(/Model error/);
    await expectServerServesNextRun();
  });

  it('500s on every planner call fail the run', async () => {
    const run = await runWith(
      faultyHandler(healthy, onRole('planner'), { fault: 'server-error', status: 503 }),
      'Planner 5xx',
    );
    expect(run.detail.status).toBe('failed');
    expect(run.modelCalls).toBe(2);
    await expectServerServesNextRun();
  });

  it('a model that hangs past request_timeout fails the run with a timeout', async () => {
    const run = await runWith(faultyHandler(healthy, onRole('planner'), { fault: 'hang' }), 'Hanging model');
    expect(run.detail.status).toBe('failed');
    expect(run.detail.error).toMatch(/request_timeout|timed? ?out/i);
    await fake.waitForDisconnects(2, 5_000);
    await expectServerServesNextRun();
  });

  it('malformed JSON bodies from the model server fail the run cleanly', async () => {
    const run = await runWith(faultyHandler(healthy, always, { fault: 'malformed-json' }), 'Malformed JSON');
    expect(run.detail.status).toBe('failed');
    expect(run.detail.error).toBeTruthy();
    await expectServerServesNextRun();
  });

  it('a response cut mid tool call is retried; cut every time, the task fails', async () => {
    const cut = {
      fault: 'cut-stream' as const,
      answer: { toolCalls: [{ name: 'read_file', arguments: { path: 'README.md', limit: 40 } }] },
    };
    const once = await runWith(
      faultyHandler(healthy, (role, index) => role === 'actor' && index === 1, cut),
      'Cut once',
    );
    expect(once.detail.status).toBe('completed');
    const always = await runWith(faultyHandler(healthy, onRole('actor'), cut), 'Cut always');
    expect(always.detail.status).toBe('failed');
    await expectServerServesNextRun();
  });

  it('an actor that never finishes stops at max steps; a planner that never finishes stops at max iterations', async () => {
    const endlessActor = faultyHandler(healthy, onRole('actor'), (index) => ({
      toolCalls: [{ name: 'read_file', arguments: { path: 'README.md', limit: index + 1 } }],
    }));
    const actorRun = await runWith(endlessActor, 'Endless actor');
    expect(actorRun.detail.status).toBe('failed');
    const actorSteps = actorRun.events.filter((event) => event.type === 'actor-step');
    expect(actorSteps.length).toBe(2 * 4);
    expect(JSON.stringify(actorRun.events)).toContain('Stopped after 4 steps');

    let planned = 0;
    const endlessPlanner: FakeHandler = (body, context) => {
      if (roleOf(body) === 'actor') return healthy(body, context);
      planned += 1;
      const id = `t${planned}`;
      return { content: JSON.stringify({ rationale: 'one more', tasks: [{ id, title: `Task ${id}` }], next: [id] }) };
    };
    const plannerRun = await runWith(endlessPlanner, 'Endless planner');
    expect(plannerRun.detail.status).toBe('limit-reached');
    expect(plannerRun.detail.error).toMatch(/4 iterations/);
    await expectServerServesNextRun();
  });

  it('a looping model is stopped by loop detection and the run ends at the re-plan limit', async () => {
    const looping: FakeHandler = (body) => {
      if (roleOf(body) === 'actor') return { toolCalls: [{ name: 'list_dir', arguments: { path: '.' } }] };
      const firstUser = String(messagesOf(body).find((message) => message.role === 'user')?.content ?? '');
      const task = [{ id: '1', title: 'List the workspace' }];
      return {
        content: JSON.stringify(
          firstUser.includes('first iteration')
            ? { rationale: 'start', tasks: task, next: ['1'] }
            : { rationale: 'try the same again', tasks: [], next: ['1'] },
        ),
      };
    };
    const run = await runWith(looping, 'Looping model');
    expect(['limit-reached', 'failed']).toContain(run.detail.status);
    expect(JSON.stringify(run.events)).toContain('Loop detected');
    await expectServerServesNextRun();
  });

  it('a planner that answers with prose falls back to the deterministic plan and still ends with a report', async () => {
    const prose = faultyHandler(healthy, onRole('planner'), { content: 'I think we should just do it.' });
    const run = await runWith(prose, 'Read the README. List the source folder.');
    expect(['completed', 'failed']).toContain(run.detail.status);
    expect(run.events.some((event) => event.type === 'plan-update' && event.fallback === true)).toBe(true);
    await expectServerServesNextRun();
  });

  it('concurrent runs under a seeded mix of every fault all end with a report and a complete log', async () => {
    let state = 20260101;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      return state / 2 ** 31;
    };
    const faults: FakeReply[] = [
      { fault: 'rate-limit', retryAfter: 0 },
      { fault: 'server-error' },
      { fault: 'malformed-json' },
      { fault: 'cut-stream', answer: { content: 'half an answer that is cut' } },
      { fault: 'hang' },
      { content: 'prose instead of the expected shape' },
    ];
    const mixed: FakeHandler = (body, context) => {
      const draw = random();
      return draw < 0.6
        ? healthy(body, context)
        : (faults[Math.floor(((draw - 0.6) / 0.4) * faults.length)] as FakeReply);
    };
    fake.setHandler(mixed);
    try {
      const runs = await Promise.all(
        Array.from({ length: 8 }, (_unused, index) =>
          runThroughApi(harness.app, { goal: `Mixed faults ${index}` }, 40_000),
        ),
      );
      for (const run of runs) {
        expectCompleteEventLog(run.events, run.id);
        await expectLogFileParses(harness.tracesDir, run.id, run.events);
        expect(['completed', 'failed', 'limit-reached']).toContain(run.detail.status);
        expect(run.detail.report?.status).toBe(run.detail.status);
      }
    } finally {
      fake.setHandler(healthy);
    }
    await expectServerServesNextRun();
  }, 60_000);

  it('cancelling a run whose model hangs ends it cancelled and aborts the model request', async () => {
    fake.setHandler(faultyHandler(healthy, always, { fault: 'hang' }));
    const disconnectsBefore = fake.disconnects;
    const requestsBefore = fake.modelRequests().length;
    const created = await harness.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'Cancel me' } });
    const id = created.json().id as string;
    await waitUntil(async () => (fake.modelRequests().length > requestsBefore ? true : undefined));
    const cancelled = await harness.app.inject({ method: 'POST', url: `/runs/${id}/cancel` });
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json().status).toBe('cancelled');
    fake.setHandler(healthy);
    await fake.waitForDisconnects(disconnectsBefore + 1);
    const events = (await harness.app.inject({ method: 'GET', url: `/runs/${id}/events` })).json().events;
    expectCompleteEventLog(events, id);
    await expectServerServesNextRun();
  });
});
