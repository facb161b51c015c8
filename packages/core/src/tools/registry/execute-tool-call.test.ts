import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool, ToolContext } from '../types';
import { executeToolCall, MAX_OBSERVATION_CHARS } from './execute-tool-call';

function contextWith(signal: AbortSignal = new AbortController().signal): ToolContext {
  return { workspaceRoot: '/nonexistent', signal, taskId: '1', reportProgress: () => undefined };
}

function tool(execute: Tool<{ value: number }>['execute'], timeoutMs?: number): Tool<{ value: number }> {
  return {
    name: 'probe',
    description: 'test tool',
    parameters: z.object({ value: z.number().int().min(0) }),
    execute,
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  };
}

const echo = tool(async (args) => ({ output: `value=${args.value}`, references: ['a.md', 42 as unknown as string] }));

describe('executeToolCall', () => {
  it('parses JSON text or accepts objects, validates, runs and keeps string references', async () => {
    const fromText = await executeToolCall(echo, '{"value": 3}', contextWith());
    expect(fromText).toMatchObject({ ok: true, output: 'value=3', references: ['a.md'], args: { value: 3 } });
    expect((await executeToolCall(echo, { value: 4 }, contextWith())).output).toBe('value=4');
  });

  it('reports the time the call took in ms, to a tenth', async () => {
    const slow = tool(async () => {
      await new Promise((resolve) => setTimeout(resolve, 40));
      return { output: 'done' };
    });
    const started = performance.now();
    const outcome = await executeToolCall(slow, { value: 1 }, contextWith());
    const around = performance.now() - started;
    expect(outcome.ms).toBeGreaterThanOrEqual(39);
    expect(outcome.ms).toBeLessThanOrEqual(around + 0.05);
    expect(Math.round(outcome.ms * 10)).toBeCloseTo(outcome.ms * 10, 6);
  });

  it('explains invalid JSON and invalid arguments, naming the field', async () => {
    const badJson = await executeToolCall(echo, '{"value": 3', contextWith());
    expect(badJson).toMatchObject({ ok: false, errorCode: 'invalid_json', references: [] });
    expect(badJson.error).toMatch(/^The arguments for probe are not valid JSON \(.+\)\. Send a JSON object/);
    const missing = await executeToolCall(echo, '', contextWith());
    expect(missing.error).toBe(
      'Invalid arguments for probe: value: Invalid input: expected number, received undefined',
    );
    const negative = await executeToolCall(echo, { value: -1 }, contextWith());
    expect(negative).toMatchObject({ ok: false, errorCode: 'invalid_arguments', args: { value: -1 } });
    expect(negative.error).toContain('value: Too small');
    expect((await executeToolCall(echo, '[1,2]', contextWith())).error).toContain('(arguments)');
  });

  it('turns thrown errors into observations with their code, never rethrowing', async () => {
    const typed = tool(async () => {
      throw new ToolError('file_too_large', 'too big');
    });
    expect(await executeToolCall(typed, { value: 1 }, contextWith())).toMatchObject({
      ok: false,
      errorCode: 'file_too_large',
      error: 'probe failed (file_too_large): too big',
    });
    const plain = tool(async () => {
      throw Object.assign(new Error("EACCES: permission denied, open 'x'"), { code: 'EACCES' });
    });
    expect(await executeToolCall(plain, { value: 1 }, contextWith())).toMatchObject({
      ok: false,
      errorCode: 'EACCES',
      error: "probe failed: EACCES: permission denied, open 'x'",
    });
    const withPath = tool(async (_args, context) => {
      throw new Error(`EISDIR: illegal operation on a directory, read '${context.workspaceRoot}/notes'`);
    });
    expect((await executeToolCall(withPath, { value: 1 }, contextWith())).error).toBe(
      "probe failed: EISDIR: illegal operation on a directory, read 'notes'",
    );
    const weird = tool(async () => {
      throw 'a string';
    });
    expect((await executeToolCall(weird, { value: 1 }, contextWith())).error).toBe('probe failed: a string');
  });

  it('times out a tool that ignores its signal and aborts the signal it was given', async () => {
    let seenSignal: AbortSignal | undefined;
    const hanging = tool(async (_args, context) => {
      seenSignal = context.signal;
      return new Promise(() => undefined);
    });
    const result = await executeToolCall(hanging, { value: 1 }, contextWith(), { timeoutMs: 30 });
    expect(result).toMatchObject({ ok: false, errorCode: 'timeout', error: 'probe timed out after 30 ms' });
    expect(seenSignal?.aborted).toBe(true);
    const ownTimeout = tool(async () => new Promise(() => undefined), 20);
    expect((await executeToolCall(ownTimeout, { value: 1 }, contextWith())).error).toBe('probe timed out after 20 ms');
  });

  it('reports cancellation of the run as cancelled, before or during the call', async () => {
    const before = new AbortController();
    before.abort();
    let ran = false;
    const marker = tool(async () => {
      ran = true;
      return { output: 'ran' };
    });
    expect(await executeToolCall(marker, { value: 1 }, contextWith(before.signal))).toMatchObject({
      ok: false,
      errorCode: 'cancelled',
    });
    expect(ran).toBe(false);
    const during = new AbortController();
    const waiting = tool(
      (_args, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => reject(context.signal.reason));
          queueMicrotask(() => during.abort());
        }),
    );
    const result = await executeToolCall(waiting, { value: 1 }, contextWith(during.signal), { timeoutMs: 10_000 });
    expect(result).toMatchObject({
      ok: false,
      errorCode: 'cancelled',
      error: 'probe was cancelled: the run was cancelled',
    });
  });

  it('cuts oversized output', async () => {
    const chatty = tool(async () => ({ output: 'y'.repeat(MAX_OBSERVATION_CHARS + 10) }));
    const result = await executeToolCall(chatty, { value: 1 }, contextWith());
    expect(result.output.length).toBeLessThan(MAX_OBSERVATION_CHARS + 100);
    expect(result.output.endsWith(`[output cut at ${MAX_OBSERVATION_CHARS} characters]`)).toBe(true);
  });
});
