import { mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { AIMEWorkflow, MAX_EVENT_BYTES } from '@gepa-aime/core';
import { ScriptedModel, testConfig } from '@gepa-aime/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAIMEResponder } from '../../bench/loop-overhead/aime-responder';

/**
 * Issue 11, item 5: read_file of 256 KiB of control characters made a 1.57 MB tool-result event
 * (JSON escaping grows it six-fold), larger than the WebSocket back-pressure bound. Every event a run
 * emits now stays within MAX_EVENT_BYTES as JSON, while the model still sees the whole output.
 */
let workspace: string;
beforeAll(async () => {
  workspace = await realpath(await mkdtemp(join(tmpdir(), 'aime-event-size-')));
  await writeFile(join(workspace, 'controls.txt'), '\u0001'.repeat(256 * 1024 - 2));
});
afterAll(() => rm(workspace, { recursive: true, force: true }));

describe('event size', () => {
  it('a run reading a file of control characters emits no event over MAX_EVENT_BYTES', async () => {
    const seenByModel: number[] = [];
    const respond = createAIMEResponder({
      tasks: 1,
      callsPerTask: 2,
      toolCall: () => ({ name: 'read_file', arguments: { path: 'controls.txt' } }),
    });
    const model = new ScriptedModel({
      fallback: (request) => {
        for (const message of request.messages) {
          if (message.role === 'tool' && typeof message.content === 'string') seenByModel.push(message.content.length);
        }
        return respond({ messages: request.messages, planner: request.responseSchema !== undefined });
      },
    });
    const events: RunEvent[] = [];
    const workflow = new AIMEWorkflow({ config: testConfig(), model, workspaceRoot: workspace });
    await workflow.run('Read controls.txt', { onEvent: (event) => void events.push(event) });
    const result = events.find((event) => event.type === 'tool-result');
    expect(result).toMatchObject({ ok: true, tool: 'read_file' });
    const sizes = events.map((event) => Buffer.byteLength(JSON.stringify(event)));
    expect(Math.max(...sizes)).toBeLessThanOrEqual(MAX_EVENT_BYTES);
    expect(seenByModel.some((length) => length >= 256 * 1024 - 2)).toBe(true);
  });
});
