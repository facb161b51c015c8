import { ScriptedModel } from '@gepa-aime/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createAIMEResponder, isJudgeRequest } from '../../bench/loop-overhead/aime-responder';
import {
  BAD_AUTHORIZATION_HEADERS,
  BAD_VALUES,
  type BadInputCase,
  buildBadInputCorpus,
} from './support/bad-input-corpus';
import { runThroughApi } from './support/run-through-api';
import { type ServiceApp, type ServiceHarness, startServiceHarness } from './support/service-harness';

/** The service with an instant in-process model: bad input is about the HTTP layer, not the model. */
function instantModel(): ScriptedModel {
  const respond = createAIMEResponder({ tasks: 1, callsPerTask: 1 });
  return new ScriptedModel({
    fallback: (request) =>
      respond({
        messages: request.messages,
        planner: request.responseSchema !== undefined,
        judge: isJudgeRequest(request),
      }),
  });
}

interface Problem {
  label: string;
  status: number;
  body: string;
}

/** Sends one case; returns a problem when it got a 5xx or a 4xx that does not say what was wrong. */
async function check(app: ServiceApp, testCase: BadInputCase, statuses: number[]): Promise<Problem | undefined> {
  const response = await app.inject({
    method: testCase.method,
    url: testCase.url,
    ...(testCase.payload !== undefined ? { payload: testCase.payload } : {}),
    ...(testCase.headers ? { headers: testCase.headers } : {}),
  });
  statuses.push(response.statusCode);
  const problem = (reason: string) => ({
    label: `${testCase.label}: ${reason}`,
    status: response.statusCode,
    body: response.body.slice(0, 300),
  });
  if (response.statusCode >= 500) return problem('server error');
  if (response.statusCode < 400) return undefined;
  let body: { message?: unknown; error?: unknown };
  try {
    body = response.json();
  } catch {
    return problem('4xx body is not JSON');
  }
  if (typeof body.message !== 'string' || body.message.trim().length < 5) return problem('4xx without a message');
  if (/stack|at .+\(.+:\d+:\d+\)/i.test(response.body)) return problem('4xx leaks a stack trace');
  const message = body.message.toLowerCase();
  if (testCase.names && !testCase.names.some((name) => message.includes(name.toLowerCase()))) {
    return problem(`4xx message names none of ${JSON.stringify(testCase.names)}`);
  }
  return undefined;
}

let harness: ServiceHarness;
let existingRunId: string;

beforeAll(async () => {
  harness = await startServiceHarness({ model: instantModel(), concurrency: 4 });
  const run = await runThroughApi(harness.app, { goal: 'An existing run' });
  expect(run.detail.status).toBe('completed');
  existingRunId = run.id;
});

afterAll(async () => {
  await harness?.cleanup();
});

describe('bad input corpus against every route', () => {
  it('answers ≥ 500 malformed requests with zero 5xx, and every 4xx names the problem', async () => {
    const corpus = buildBadInputCorpus(existingRunId);
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    const problems: Problem[] = [];
    const statuses: number[] = [];
    for (const testCase of corpus) {
      const problem = await check(harness.app, testCase, statuses);
      if (problem) problems.push(problem);
    }
    expect(problems).toEqual([]);
    // The corpus mostly exercises validation (400), plus 403/404/405/413/414/415; a few values are valid.
    expect(statuses.filter((status) => status === 400).length).toBeGreaterThan(300);
    expect(new Set(statuses.filter((status) => status >= 400))).toEqual(new Set([400, 403, 404, 405, 413, 414, 415]));
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const health = await harness.app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    const after = await runThroughApi(harness.app, { goal: 'A run after the corpus' });
    expect(after.detail.status).toBe('completed');
  }, 60_000);

  it('refuses every malformed or wrong Authorization header with a 401 that says why', async () => {
    const guarded = await startServiceHarness({ model: instantModel(), apiToken: 'correct-token' });
    try {
      for (const header of BAD_AUTHORIZATION_HEADERS) {
        for (const [method, url] of [
          ['GET', '/runs'],
          ['POST', '/runs'],
          ['GET', `/runs/${existingRunId}`],
          ['GET', '/gepa'],
        ] as const) {
          const response = await guarded.app.inject({
            method,
            url,
            headers: { authorization: header },
            ...(method === 'POST' ? { payload: { goal: 'x' } } : {}),
          });
          expect(response.statusCode, `${method} ${url} with ${JSON.stringify(header.slice(0, 40))}`).toBe(401);
          expect(response.json().message).toMatch(/bearer token/);
        }
      }
      const allowed = await guarded.app.inject({
        method: 'GET',
        url: '/runs',
        headers: { authorization: 'Bearer correct-token' },
      });
      expect(allowed.statusCode).toBe(200);
    } finally {
      await guarded.cleanup();
    }
  });

  it('answers malformed WebSocket messages with error frames and keeps the connection usable', async () => {
    const address = await harness.app.listen({ host: '127.0.0.1', port: 0 });
    const socket = new WebSocket(`${address.replace('http', 'ws')}/ws`);
    const frames: Array<Record<string, unknown>> = [];
    socket.on('message', (data) => frames.push(JSON.parse(String(data))));
    await new Promise((resolve, reject) => {
      socket.once('open', resolve);
      socket.once('error', reject);
    });
    const messages = [
      ...BAD_VALUES.map(([, value]) => value),
      ...BAD_VALUES.map(([, value]) => `{"type":"subscribe","runId":${value}}`),
      ...BAD_VALUES.map(([, value]) => `{"type":"subscribe","runId":"*","afterSeq":${value}}`),
      'not json',
      '{"type":"launch-missiles"}',
      '{"type":"subscribe","runId":"../../etc/passwd"}',
      '{"type":"subscribe","runId":"run-20260101-000000-deadbeef"}',
    ];
    for (const message of messages) socket.send(message);
    socket.send(JSON.stringify({ type: 'subscribe', runId: existingRunId, afterSeq: 0 }));
    const deadline = Date.now() + 10_000;
    while (!frames.some((frame) => frame.type === 'run-end') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    socket.close();
    const errors = frames.filter((frame) => frame.type === 'error');
    for (const error of errors) expect(String(error.message).length).toBeGreaterThan(5);
    // Every bad message got an answer (some bad values are valid runIds/afterSeqs: "subscribed" or run_not_found).
    const answers = frames.filter((frame) => frame.type === 'error' || frame.type === 'subscribed');
    expect(answers.length).toBeGreaterThanOrEqual(messages.length);
    expect(errors.length).toBeGreaterThanOrEqual(BAD_VALUES.length);
    expect(frames.some((frame) => frame.type === 'run-end' && frame.runId === existingRunId)).toBe(true);
  });
});
