import type { RunEvent } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { describeEvent, EVENT_LINES } from './describe-event';
import { terminalStyle, wantsColour } from './terminal-style';

const base = { runId: 'run-1', seq: 1, ts: 0 };
const plain = terminalStyle(false);

describe('describeEvent', () => {
  it('prints one line per milestone and nothing for the rest', () => {
    const end = (status: 'complete' | 'failed' | 'cancelled') =>
      ({ ...base, type: 'task-end', taskId: '2', status, summary: 'Read   the\nREADME', references: [] }) as RunEvent;
    expect(describeEvent(end('complete'), plain)).toBe('✓ [2] Read the README');
    expect(describeEvent(end('failed'), plain)).toBe('✗ [2] Read the README');
    expect(describeEvent(end('cancelled'), plain)).toBe('~ [2] Read the README');
    const failedTool = {
      ...base,
      type: 'tool-result',
      taskId: '2',
      callId: 'c',
      tool: 'read_file',
      ok: false,
      output: '',
      error: 'no such file',
      ms: 3,
    } as RunEvent;
    expect(describeEvent(failedTool, plain)).toBe('    read_file failed: no such file');
    expect(describeEvent({ ...failedTool, ok: true } as RunEvent, plain)).toBeUndefined();
    const usage = {
      ...base,
      type: 'llm-usage',
      role: 'planner',
      promptTokens: 1,
      completionTokens: 1,
      totalTokens: 2,
      ms: 1,
    };
    expect(describeEvent(usage as RunEvent, plain)).toBeUndefined();
  });

  it('colours markers only when asked', () => {
    const event = {
      ...base,
      type: 'task-end',
      taskId: '1',
      status: 'failed',
      summary: 'x',
      references: [],
    } as RunEvent;
    expect(describeEvent(event, terminalStyle(true))).toBe('\u001b[31m✗\u001b[39m [1] x');
    expect(describeEvent(event, plain)).toBe('✗ [1] x');
  });

  it('is extended by adding an entry per event type', () => {
    expect(Object.keys(EVENT_LINES).sort()).toEqual(
      ['plan-update', 'task-end', 'task-start', 'tool-call', 'tool-result'].sort(),
    );
  });
});

describe('wantsColour', () => {
  it('colours a terminal unless NO_COLOR is set (non-empty) or TERM is dumb', () => {
    expect(wantsColour({ isTTY: true }, {})).toBe(true);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColour({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(wantsColour({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
    expect(wantsColour({ isTTY: false }, {})).toBe(false);
    expect(wantsColour({}, {})).toBe(false);
  });
});
