import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp, waitFor } from '../test-support/test-app';
import type { RunExecutor } from './run-executor';

let harness: TestApp | undefined;
afterEach(async () => {
  await harness?.cleanup();
  harness = undefined;
});

describe('RunManager event recording', () => {
  it('drops an event whose seq was already logged (the no-duplicate guarantee rests on it)', async () => {
    // Test edge: an executor that replays seqs, as a retried delivery would.
    const replayingExecutor: RunExecutor = async (request, { onEvent }) => {
      const stamp = (seq: number) => ({ runId: request.runId, seq, ts: Date.now() });
      await onEvent({
        ...stamp(1),
        type: 'run-start',
        goal: request.goal,
        model: 'replay',
        maxIterations: 1,
        maxParallelActors: 1,
      });
      const toolResult = (seq: number, output: string): RunEvent => ({
        ...stamp(seq),
        type: 'tool-result',
        taskId: 't1',
        callId: `c${seq}`,
        tool: 'read_file',
        ok: true,
        output,
        ms: 1,
      });
      await onEvent(toolResult(2, 'first delivery'));
      await onEvent(toolResult(2, 'second delivery of seq 2'));
      await onEvent(toolResult(1, 'an older seq again'));
      await onEvent(toolResult(3, 'next'));
      await onEvent({ ...stamp(4), type: 'run-end', status: 'completed' });
      return undefined;
    };
    harness = await createTestApp({ executor: replayingExecutor });
    const { app, tracesDir } = harness;
    const runId = (await app.inject({ method: 'POST', url: '/runs', payload: { goal: 'replay seqs' } })).json().id;
    await waitFor(() => app.aime.manager.require(runId).status === 'completed');

    const events: RunEvent[] = (await app.inject({ method: 'GET', url: `/runs/${runId}/events` })).json().events;
    expect(events.map((event) => event.seq)).toEqual([1, 2, 3, 4]);
    expect(events[1]).toMatchObject({ type: 'tool-result', output: 'first delivery' });
    expect(app.aime.manager.require(runId).lastSeq).toBe(4);
    const logged = (await readFile(join(tracesDir, 'runs', `${runId}.jsonl`), 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { seq: number; output?: string });
    expect(logged.filter((record) => record.seq > 0).map((record) => record.seq)).toEqual([1, 2, 3, 4]);
    expect(logged.map((record) => record.output).filter(Boolean)).toEqual(['first delivery', 'next']);
  });
});
