import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../test-support/test-app';

let harness: TestApp | undefined;
const earlier: TestApp[] = [];
afterEach(async () => {
  await harness?.cleanup();
  for (const testApp of earlier.splice(0)) await rm(testApp.root, { recursive: true, force: true });
  harness = undefined;
});

const line = (record: object) => `${JSON.stringify(record)}\n`;

describe('run index rebuilt from the logs', () => {
  it('marks queued and running runs interrupted, keeps finished ones, tolerates a torn line', async () => {
    const first = await createTestApp();
    earlier.push(first);
    const runsDirectory = join(first.tracesDir, 'runs');
    await first.app.close();
    await mkdir(runsDirectory, { recursive: true });
    const start = { type: 'run-start', goal: 'g', model: 'offline', maxIterations: 3, maxParallelActors: 1 };
    await writeFile(
      join(runsDirectory, 'run-queued.jsonl'),
      line({ type: 'run-queued', runId: 'run-queued', seq: 0, ts: 1000, goal: 'waiting goal' }),
    );
    await writeFile(
      join(runsDirectory, 'run-running.jsonl'),
      line({ type: 'run-queued', runId: 'run-running', seq: 0, ts: 2000, goal: 'g' }) +
        line({ ...start, runId: 'run-running', seq: 1, ts: 2001 }) +
        line({
          type: 'llm-usage',
          runId: 'run-running',
          seq: 2,
          ts: 2002,
          role: 'planner',
          promptTokens: 10,
          completionTokens: 5,
          totalTokens: 15,
          ms: 3,
        }) +
        '{"type":"plan-upd',
    );
    await writeFile(
      join(runsDirectory, 'run-done.jsonl'),
      line({ ...start, runId: 'run-done', seq: 1, ts: 3000 }) +
        line({ type: 'run-end', runId: 'run-done', seq: 2, ts: 3001, status: 'completed' }),
    );

    harness = await createTestApp({ tracesDir: first.tracesDir });
    const { app } = harness;
    const list = (await app.inject({ method: 'GET', url: '/runs' })).json();
    expect(list.runs.map((run: { id: string; status: string }) => [run.id, run.status])).toEqual([
      ['run-done', 'completed'],
      ['run-running', 'interrupted'],
      ['run-queued', 'interrupted'],
    ]);

    const running = (await app.inject({ method: 'GET', url: '/runs/run-running/events' })).json().events as RunEvent[];
    expect(running.map((event) => [event.seq, event.type])).toEqual([
      [1, 'run-start'],
      [2, 'llm-usage'],
      [3, 'run-end'],
    ]);
    const end = running[2] as Extract<RunEvent, { type: 'run-end' }>;
    expect(end.status).toBe('interrupted');
    expect(end.report?.usage.total.totalTokens).toBe(15);
    expect(end.error).toContain('running');

    const queued = (await app.inject({ method: 'GET', url: '/runs/run-queued' })).json();
    expect(queued).toMatchObject({ goal: 'waiting goal', status: 'interrupted', createdAt: 1000, lastSeq: 1 });

    // New runs work next to the recovered ones.
    const created = (await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } })).json();
    await waitFor(async () => {
      const run = (await app.inject({ method: 'GET', url: `/runs/${created.id}` })).json();
      return ['completed', 'failed', 'limit-reached'].includes(run.status);
    });
  });

  it('loads a cancelled run logged before tasks had a cancelled status (its cut task stays failed)', async () => {
    const first = await createTestApp();
    earlier.push(first);
    const runsDirectory = join(first.tracesDir, 'runs');
    await first.app.close();
    await mkdir(runsDirectory, { recursive: true });
    const runId = 'run-old-cancel';
    const task = { id: '1', parentId: null, title: 'Survey', status: 'pending', depth: 0, dependsOn: [] };
    const cut = { ...task, status: 'failed', summary: 'cancelled' };
    await writeFile(
      join(runsDirectory, `${runId}.jsonl`),
      line({
        type: 'run-start',
        runId,
        seq: 1,
        ts: 1,
        goal: 'g',
        model: 'offline',
        maxIterations: 3,
        maxParallelActors: 1,
      }) +
        line({
          type: 'plan-update',
          runId,
          seq: 2,
          ts: 2,
          iteration: 0,
          tasks: [task],
          markdown: '- [ ] Survey\n',
          rationale: 'r',
        }) +
        line({
          type: 'task-start',
          runId,
          seq: 3,
          ts: 3,
          taskId: '1',
          title: 'Survey',
          actor: 'a',
          persona: 'p',
          tools: [],
        }) +
        line({
          type: 'task-end',
          runId,
          seq: 4,
          ts: 4,
          taskId: '1',
          status: 'failed',
          summary: 'cancelled',
          references: [],
        }) +
        line({
          type: 'run-end',
          runId,
          seq: 5,
          ts: 5,
          status: 'cancelled',
          report: {
            goal: 'g',
            status: 'cancelled',
            completed: false,
            finalAnswer: 'The run was cancelled.',
            tasks: [cut],
            markdown: '- [!] Survey\n',
            history: [{ ts: 4, taskId: '1', status: 'failed', message: 'cancelled' }],
            rationale: 'r',
            usage: { total: { promptTokens: 0, completionTokens: 0, totalTokens: 0 }, byRole: {} },
            model: 'offline',
            iterations: 1,
          },
        }),
    );

    harness = await createTestApp({ tracesDir: first.tracesDir });
    const run = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
    expect(run).toMatchObject({ status: 'cancelled', lastSeq: 5, tasks: [cut] });
    expect(run.taskCounts).toEqual({ total: 1, pending: 0, in_progress: 0, complete: 0, failed: 1, cancelled: 0 });
    const events = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events;
    expect(events.map((event: RunEvent) => event.type)).toEqual([
      'run-start',
      'plan-update',
      'task-start',
      'task-end',
      'run-end',
    ]);
  });

  it('a graceful shutdown ends running and queued runs as interrupted, in their logs', async () => {
    const first = await createTestApp({ concurrency: 1 });
    earlier.push(first);
    first.model.close();
    const running = (await first.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'held' } })).json().id;
    const queued = (await first.app.inject({ method: 'POST', url: '/runs', payload: { goal: 'queued' } })).json().id;
    await waitFor(() => first.model.waiting > 0);
    await first.app.close();

    harness = await createTestApp({ tracesDir: first.tracesDir });
    for (const runId of [running, queued]) {
      const run = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
      expect(run.status).toBe('interrupted');
      const events = (await harness.app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json()
        .events as RunEvent[];
      expect(events.filter((event) => event.type === 'run-end')).toHaveLength(1);
      expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    }
  });
});
