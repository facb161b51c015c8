import { runEventSchema } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './parse-server-message';

describe('parseServerMessage', () => {
  it('recognises run events', () => {
    const message = parseServerMessage('{"type":"task-end","runId":"r","seq":4,"ts":1,"taskId":"1"}');
    expect(message).toMatchObject({ kind: 'event', event: { type: 'task-end', seq: 4 } });
  });

  it('recognises every event type of the protocol (judge verdicts and approvals too)', () => {
    const types = runEventSchema.options.map((option) => option.shape.type.value);
    expect(types).toContain('judge-verdict');
    for (const type of types) {
      const message = parseServerMessage(JSON.stringify({ type, runId: 'r', seq: 7, ts: 1 }));
      expect(message, type).toMatchObject({ kind: 'event', event: { type, seq: 7 } });
    }
  });

  it('turns run-status and subscribed acks into run summaries', () => {
    const run = { id: 'r', goal: 'g', status: 'running', createdAt: 1 };
    expect(parseServerMessage(JSON.stringify({ type: 'run-status', run }))).toEqual({ kind: 'runs', runs: [run] });
    expect(parseServerMessage(JSON.stringify({ type: 'subscribed', runId: '*', runs: [run] }))).toEqual({
      kind: 'runs',
      runs: [run],
    });
  });

  it('reports server errors and ignores the rest', () => {
    expect(parseServerMessage('{"type":"error","code":"run_not_found","message":"no","runId":"x"}')).toEqual({
      kind: 'error',
      code: 'run_not_found',
      message: 'no',
      runId: 'x',
    });
    expect(parseServerMessage('{"type":"hello","protocol":1}')).toEqual({ kind: 'other', type: 'hello' });
    expect(parseServerMessage('not json')).toBeNull();
    expect(parseServerMessage('[1,2]')).toBeNull();
  });
});
