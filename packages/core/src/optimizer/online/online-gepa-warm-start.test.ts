import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  createOptimizer,
  feed,
  fenced,
  silentLogger,
  tempTracePath,
  traceLines,
} from '../../testing/online-gepa-fixtures';
import { ScriptedModel } from '../../testing/scripted-model';
import { applyPrompts } from './apply-prompts';

describe('LightweightOnlineGEPA warm start from the trace file', () => {
  it('loads a trace file written by the Python reference and restores its latest explicit new_prompt', async () => {
    const path = tempTracePath();
    const { warnings, logger } = silentLogger();
    const python = [
      { prompt: 'Decompose the goal.', response: 'task list', score: 1.0, new_prompt: null, observation: 'ok' },
      {
        prompt: 'Decompose the goal.',
        response: 'error',
        score: 0.0,
        new_prompt: 'Decompose the goal.\nReminder: v1',
        observation: 'file missing',
      },
      {
        prompt: 'Decompose the goal.\nReminder: v1',
        response: 'error',
        score: 0.0,
        new_prompt: 'Decompose the goal.\nReminder: v2',
        observation: 'timeout',
      },
      { prompt: 'Decompose the goal.\nReminder: v2', response: 'ok', score: 1.0, observation: 'done' },
    ];
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${python.map((record) => JSON.stringify(record)).join('\n')}\n`);
    const optimizer = await createOptimizer(path, { logger });
    expect(warnings).toEqual([]);
    const planner = optimizer.currentPrompt('planner');
    expect(planner.text).toBe('Decompose the goal.\nReminder: v2');
    expect(planner.candidateId).toMatch(/^legacy-[0-9a-f]{8}$/);
    expect(optimizer.currentPrompt('actor').candidateId).toBe('actor-default');
    const metrics = optimizer.metrics();
    expect(metrics.timeline.map((point) => point.score)).toEqual([1, 0, 0, 1]);
    expect(metrics.candidates.find((candidate) => candidate.id === planner.candidateId)).toMatchObject({
      status: 'legacy',
      uses: 1,
      meanScore: 1,
    });
    expect(metrics.traceRecords).toBe(4);
  });

  it('survives a torn last line: skips it with a warning, keeps the rest, and appends cleanly after it', async () => {
    const path = tempTracePath();
    const first = await createOptimizer(path, { reflectionModel: new ScriptedModel([fenced('Plan v2.')]) });
    await feed(first, [0, 0]);
    writeFileSync(path, `${readFileSync(path, 'utf8')}{"prompt": "Plan v2.", "response": "half`, { flag: 'w' });
    const { warnings, logger } = silentLogger();
    const second = await createOptimizer(path, { logger });
    expect(warnings).toEqual([`${path}: skipped a torn last line (a writer stopped mid-record)`]);
    expect(second.currentPrompt('planner').text).toBe('Plan v2.');
    await feed(second, [1]);
    const parsed = readFileSync(path, 'utf8').split('\n').filter(Boolean);
    expect(parsed).toHaveLength(4);
    expect(JSON.parse(parsed[3] as string)).toMatchObject({ candidate_id: 'planner-gen1', score: 1 });
  });

  it('decides a trial that completed its window in a process that died before deciding', async () => {
    const path = tempTracePath();
    const first = await createOptimizer(path, { reflectionModel: new ScriptedModel([fenced('Plan v2.')]) });
    await feed(first, [0, 0, 1, 1]);
    const trialLines = traceLines(path).length;
    // Simulate a crash after the third trial outcome was written but before the decision.
    const candidateId = first.currentPrompt('planner').candidateId;
    writeFileSync(
      path,
      `${readFileSync(path, 'utf8')}${JSON.stringify({ prompt: 'Plan v2.', response: 'ok', score: 1, component: 'planner', candidate_id: candidateId })}\n`,
    );
    const second = await createOptimizer(path);
    expect(second.metrics().trial).toBeNull();
    expect(second.currentPrompt('planner').candidateId).toBe(candidateId);
    expect(traceLines(path)).toHaveLength(trialLines + 2);
    expect(traceLines(path).at(-1)).toMatchObject({
      kind: 'decision',
      decision: 'accepted',
      candidate_id: candidateId,
    });
  });

  it('applyPrompts makes prompts the ones warm-started next time, superseding better-scored older candidates', async () => {
    const path = tempTracePath();
    const optimizer = await createOptimizer(path);
    await feed(optimizer, [1, 1, 1]);
    const ids = await applyPrompts(
      path,
      { planner: 'Optimised planner.', actor: 'Optimised {{persona}} actor.' },
      { score: 0.9 },
    );
    const restarted = await createOptimizer(path);
    expect(restarted.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: ids.planner,
      text: 'Optimised planner.',
    });
    expect(restarted.currentPrompt('actor')).toEqual({
      component: 'actor',
      candidateId: ids.actor,
      text: 'Optimised {{persona}} actor.',
    });
    expect(restarted.metrics().candidates.find((candidate) => candidate.id === ids.planner)?.status).toBe('applied');
  });
});
