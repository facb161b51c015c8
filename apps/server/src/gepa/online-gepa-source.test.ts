import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LightweightOnlineGEPA } from '@gepa-aime/core';
import { ScriptedModel } from '@gepa-aime/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { gepaMetricsSchema } from '../schemas/gepa';
import { createTestApp, type TestApp } from '../test-support/test-app';
import { OnlineGEPASource } from './online-gepa-source';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('GET /gepa from the online optimizer', () => {
  it('serves composite, timeline, current prompts, candidates with lineage and the trial', async () => {
    const optimizer = await LightweightOnlineGEPA.create({
      tracePath: join(mkdtempSync(join(tmpdir(), 'aime-gepa-source-')), 'gepa_history.jsonl'),
      config: { window_size: 3, min_traces_before_reflection: 2, components: ['planner'] },
      reflectionModel: new ScriptedModel(['```\nPlan v2.\n```']),
      createId: () => 'planner-v2',
    });
    for (const taskId of ['t1', 't2']) {
      const active = optimizer.currentPrompt('planner');
      await optimizer.record({
        runId: 'run-1',
        goal: 'goal',
        taskId,
        taskTitle: 'Read a file',
        component: 'planner',
        candidateId: active.candidateId,
        prompt: active.text,
        response: 'failed',
        score: 0,
        feedback: 'Task failed: ENOENT',
      });
    }
    harness = await createTestApp({ gepa: new OnlineGEPASource(optimizer) });
    const response = await harness.app.inject({ method: 'GET', url: '/gepa' });
    expect(response.statusCode).toBe(200);
    const body = gepaMetricsSchema.parse(response.json());
    expect(body).toMatchObject({ source: 'optimizer', compositeScore: 0, threshold: 0.5, traceRecords: 2 });
    expect(body.timeline.map((point) => [point.index, point.score, point.candidateId, point.runId])).toEqual([
      [0, 0, 'planner-default', 'run-1'],
      [1, 0, 'planner-default', 'run-1'],
    ]);
    expect(body.current.planner).toEqual({ candidateId: 'planner-v2', prompt: 'Plan v2.' });
    expect(body.candidates.find((candidate) => candidate.id === 'planner-v2')).toMatchObject({
      parents: ['planner-default'],
      decision: 'trial',
      uses: 0,
      score: null,
    });
    expect(body.candidates.find((candidate) => candidate.id === 'planner-default')).toMatchObject({
      scores: { mean: 0, recent: 0 },
      uses: 2,
    });
    expect(body.trial).toEqual({
      component: 'planner',
      candidateId: 'planner-v2',
      parentId: 'planner-default',
      parentScore: 0,
      outcomes: 0,
      needed: 3,
    });
  });
});
