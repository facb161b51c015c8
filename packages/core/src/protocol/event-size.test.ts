import { describe, expect, it } from 'vitest';
import {
  boundEventSize,
  escapedByteLength,
  jsonByteLength,
  MAX_EVENT_BYTES,
  MAX_TOOL_OUTPUT_PREVIEW_BYTES,
  previewText,
} from './event-size';
import type { RunEvent } from './run-events';

const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('sizes as they travel (UTF-8 bytes of the JSON text)', () => {
  it.each([
    ['plain', 'hello'],
    ['quotes and backslashes', 'a"b\\c'],
    ['control characters', '\u0001\u0002\n\t\r\b\f'],
    ['multi-byte', 'Ünïcødé ✓ 😀'],
    ['a lone surrogate', 'x\ud800y'],
  ])('%s', (_name, text) => {
    expect(escapedByteLength(text)).toBe(bytesOf(text) - 2);
    expect(jsonByteLength({ text })).toBe(bytesOf({ text }));
  });
});

describe('previewText', () => {
  it('keeps text that fits and cuts escaped-heavy text by its escaped size', () => {
    expect(previewText('short', 100)).toBe('short');
    const controls = '\u0001'.repeat(10_000);
    const preview = previewText(controls, 1000);
    expect(escapedByteLength(preview)).toBeLessThanOrEqual(1000);
    expect(preview).toMatch(/… \[\d+ more characters not shown in events]$/);
  });

  it('never splits a surrogate pair', () => {
    const preview = previewText('😀'.repeat(1000), 101);
    expect(preview).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });
});

describe('boundEventSize', () => {
  const event = (output: string): RunEvent => ({
    type: 'tool-result',
    runId: 'r',
    seq: 1,
    ts: 0,
    taskId: 't',
    callId: 'c',
    tool: 'read_file',
    ok: true,
    output,
    ms: 1,
  });

  it('returns small events untouched (same object)', () => {
    const small = event('fine');
    expect(boundEventSize(small)).toBe(small);
  });

  it('cuts 256 KiB of control characters (1.5 MB as JSON) to the cap, keeping the other fields', () => {
    const big = event('\u0001'.repeat(256 * 1024));
    expect(bytesOf(big)).toBeGreaterThan(1_500_000);
    const bounded = boundEventSize(big);
    expect(bytesOf(bounded)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(bounded).toMatchObject({ type: 'tool-result', seq: 1, callId: 'c', ok: true });
    // The original is not changed (the model's copy of the output is not cut).
    expect(bytesOf(big)).toBeGreaterThan(1_500_000);
  });

  it('shrinks several large strings in nested objects', () => {
    const plan: RunEvent = {
      type: 'plan-update',
      runId: 'r',
      seq: 2,
      ts: 0,
      iteration: 1,
      markdown: '"'.repeat(200_000),
      rationale: '\\'.repeat(200_000),
      tasks: [{ id: '1', parentId: null, title: '\u0002'.repeat(50_000), status: 'pending', depth: 0, dependsOn: [] }],
    };
    expect(bytesOf(boundEventSize(plan))).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(MAX_TOOL_OUTPUT_PREVIEW_BYTES).toBeLessThan(MAX_EVENT_BYTES);
  });
});
