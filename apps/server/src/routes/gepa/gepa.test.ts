import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app';
import type { RunExecutor } from '../../runs/run-executor';
import { createTestApp, type TestApp, waitFor } from '../../test-support/test-app';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('GET /gepa', () => {
  it("reports the service's online optimizer: composite timeline, current prompts, candidates, trace file", async () => {
    harness = await createTestApp();
    const { app } = harness;
    const runId = (await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'List the files' } })).json().id;
    await waitFor(async () => {
      const run = (await app.inject({ method: 'GET', url: `/runs/${runId}` })).json();
      return run.status !== 'queued' && run.status !== 'running';
    });
    const events = (await app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events as RunEvent[];
    const records = events.filter((event) => event.type === 'gepa-record');
    expect(records.length).toBeGreaterThan(0);

    const body = (await app.inject({ method: 'GET', url: '/gepa' })).json();
    expect(body.source).toBe('optimizer');
    expect(body.threshold).toBe(0.5);
    expect(body.timeline.map((point: { score: number }) => point.score)).toEqual(
      records.map((record) => (record as { score: number }).score),
    );
    expect(body.compositeScore).toBe((records.at(-1) as { composite: number }).composite);
    expect(Object.keys(body.current).sort()).toEqual(['actor', 'planner']);
    expect(body.current.planner.prompt.length).toBeGreaterThan(0);
    expect(body.candidates.length).toBeGreaterThan(0);
    expect(body.traceRecords).toBeGreaterThanOrEqual(records.length);
  });

  it('without an online optimizer, reports an empty view when nothing was recorded yet', async () => {
    harness = await createTestApp({
      gepa: undefined,
      gepaTraceFile: '/nonexistent/gepa_history.jsonl',
      gepaThreshold: 0.6,
    });
    const response = await harness.app.inject({ method: 'GET', url: '/gepa' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      source: 'none',
      compositeScore: null,
      threshold: 0.6,
      timeline: [],
      current: {},
      candidates: [],
      trial: null,
      traceRecords: 0,
    });
  });

  it('plots the trace file when no run logged GEPA events', async () => {
    harness = await createTestApp();
    const traceFile = join(harness.tracesDir, 'gepa_history.jsonl');
    await mkdir(dirname(traceFile), { recursive: true });
    await writeFile(
      traceFile,
      `${JSON.stringify({ ts: 1, score: 1, component: 'planner' })}\n${JSON.stringify({ ts: 2, score: 0 })}\n{torn`,
    );
    await harness.app.close();
    harness = { ...harness, app: await buildApp({ ...baseOptions(harness.tracesDir), gepaTraceFile: traceFile }) };
    const body = (await harness.app.inject({ method: 'GET', url: '/gepa' })).json();
    expect(body.source).toBe('history-file');
    expect(body.traceRecords).toBe(2);
    expect(body.timeline.map((point: { composite: number }) => point.composite)).toEqual([1, 0.5]);
  });

  it('folds gepa-record and gepa-candidate events of runs into timeline, current prompts and lineage', async () => {
    harness = await createTestApp();
    const tracesDir = harness.tracesDir;
    await harness.app.close();
    const app = await buildApp({ ...baseOptions(tracesDir), executor: gepaExecutor });
    harness = { ...harness, app };
    await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'evolve' } });
    await app.aime.manager.shutdown(2000);
    const body = (await app.inject({ method: 'GET', url: '/gepa' })).json();
    expect(body.source).toBe('run-logs');
    expect(body.compositeScore).toBe(0.25);
    expect(body.timeline.map((point: { index: number; score: number }) => [point.index, point.score])).toEqual([
      [0, 1],
      [1, 0],
    ]);
    expect(body.current).toEqual({ planner: { candidateId: 'planner-1', prompt: 'Plan better.' } });
    expect(body.candidates).toEqual([
      expect.objectContaining({ id: 'planner-0', parents: [], score: 1, uses: 1 }),
      expect.objectContaining({ id: 'planner-1', parents: ['planner-0'], decision: 'accepted', score: 0, uses: 1 }),
    ]);

    // The same view is rebuilt from the logs after a restart.
    await app.close();
    const restarted = await buildApp({ ...baseOptions(tracesDir), executor: gepaExecutor });
    harness = { ...harness, app: restarted };
    const again = (await restarted.inject({ method: 'GET', url: '/gepa' })).json();
    expect(again.candidates).toEqual(body.candidates);
    expect(again.timeline).toEqual(body.timeline);
  });

  it('answers a generic 500 without internals when the source fails', async () => {
    harness = await createTestApp({
      gepa: {
        metrics() {
          throw new Error('ENOENT: /secret/path/gepa_state.json at Object.readFileSync');
        },
      },
    });
    const response = await harness.app.inject({ method: 'GET', url: '/gepa' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ statusCode: 500, error: 'internal', message: 'Internal server error' });
    expect(response.body).not.toContain('secret');
    expect(response.body).not.toContain('at ');
  });
});

function baseOptions(tracesDir: string) {
  return {
    settings: { concurrency: 1, tracesDir },
    dashboardDirectory: null,
    executor: gepaExecutor,
  };
}

/** Test edge: an executor that emits the GEPA events an optimizer-backed workflow would. */
const gepaExecutor: RunExecutor = async (request, { onEvent }) => {
  let seq = 0;
  const stamp = () => ({ runId: request.runId, seq: ++seq, ts: Date.now() + seq });
  const events: RunEvent[] = [
    { ...stamp(), type: 'run-start', goal: request.goal, model: 'offline', maxIterations: 1, maxParallelActors: 1 },
    {
      ...stamp(),
      type: 'gepa-candidate',
      component: 'planner',
      candidateId: 'planner-0',
      parents: [],
      prompt: 'Plan.',
      scores: {},
      decision: 'restored',
    },
    { ...stamp(), type: 'gepa-record', component: 'planner', candidateId: 'planner-0', score: 1, composite: 0.7 },
    {
      ...stamp(),
      type: 'gepa-candidate',
      component: 'planner',
      candidateId: 'planner-1',
      parents: ['planner-0'],
      prompt: 'Plan better.',
      scores: { composite: 0.8 },
      decision: 'accepted',
    },
    { ...stamp(), type: 'gepa-record', component: 'planner', candidateId: 'planner-1', score: 0, composite: 0.25 },
    { ...stamp(), type: 'run-end', status: 'completed' },
  ];
  for (const event of events) await onEvent(event);
  return undefined;
};
