import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../protocol/run-events';
import { RunEventEmitter } from './run-event-emitter';

describe('RunEventEmitter', () => {
  it('stamps contiguous seq from 1 and delivers in order even to a slow async sink', async () => {
    const delivered: RunEvent[] = [];
    let clock = 100;
    const emitter = new RunEventEmitter(
      'run-1',
      async (event) => {
        await new Promise((resolve) => setTimeout(resolve, event.seq === 1 ? 20 : 0));
        delivered.push(event);
      },
      () => clock++,
    );
    void emitter.emit({ type: 'progress-update', taskId: '1', status: 'in_progress', message: 'a' });
    void emitter.emit({ type: 'progress-update', taskId: '2', status: 'in_progress', message: 'b' });
    await emitter.emit({ type: 'progress-update', taskId: '3', status: 'in_progress', message: 'c' });
    expect(delivered.map((event) => [event.seq, event.runId, event.ts])).toEqual([
      [1, 'run-1', 100],
      [2, 'run-1', 101],
      [3, 'run-1', 102],
    ]);
    expect(emitter.lastSeq).toBe(3);
  });

  it('keeps going when the sink throws', async () => {
    const seen: number[] = [];
    const emitter = new RunEventEmitter('r', (event) => {
      seen.push(event.seq);
      if (event.seq === 1) throw new Error('socket closed');
    });
    await emitter.emit({ type: 'progress-update', taskId: '1', status: 'failed', message: 'x' });
    await emitter.emit({ type: 'progress-update', taskId: '1', status: 'failed', message: 'y' });
    expect(seen).toEqual([1, 2]);
  });
});
