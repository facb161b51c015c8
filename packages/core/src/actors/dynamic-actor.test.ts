import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runEventSchema } from '../protocol/run-events';
import { actorFixture, leafTask } from '../testing/actor-fixture';
import { ScriptedModel } from '../testing/scripted-model';
import type { AnyTool } from '../tools/types';
import { DynamicActor } from './dynamic-actor';

const finish = (summary: string, status = 'complete', references: string[] = []) => ({
  toolCalls: [{ name: 'finish', arguments: { status, summary, references } }],
});

describe('DynamicActor (native tool calls)', () => {
  it('runs several tool calls per step, feeds observations back and ends with the finish report', async () => {
    const model = new ScriptedModel([
      {
        content: 'Look around first.',
        toolCalls: [
          { name: 'update_progress', arguments: { status: 'in_progress', message: 'listing' } },
          { name: 'list_dir', arguments: { path: '.' } },
          { name: 'read_file', arguments: { path: 'README.md' } },
        ],
      },
      finish('README.md describes a demo project.', 'complete', ['README.md']),
    ]);
    const { factory, context, events, progress } = actorFixture(model);
    const actor = factory.create(leafTask('1', 'Summarise the workspace'));
    const report = await actor.run(context);
    expect(report).toMatchObject({ status: 'complete', summary: 'README.md describes a demo project.', steps: 2 });
    expect(report.references).toContain('README.md');
    expect(progress).toEqual([['in_progress', 'listing']]);
    const toolMessages = model.requests[1]?.messages.filter((message) => message.role === 'tool') ?? [];
    expect(toolMessages).toHaveLength(3);
    expect(toolMessages[2]?.content).toContain('A demo project.');
    expect(
      events.filter((event) => event.type === 'tool-result').map((event) => event.type === 'tool-result' && event.ok),
    ).toEqual([true, true, true]);
    expect(events.filter((event) => event.type === 'actor-step')).toHaveLength(4);
    expect(events.filter((event) => event.type === 'llm-usage' && event.role === 'actor')).toHaveLength(2);
    for (const [index, event] of events.entries()) {
      expect(runEventSchema.safeParse({ ...event, runId: 'r', seq: index + 1, ts: 1 }).success).toBe(true);
    }
  });

  it('returns invalid arguments, unknown tools and tool errors to the model as observations', async () => {
    const model = new ScriptedModel([
      {
        toolCalls: [
          { name: 'read_file', arguments: '{"path": 42}' },
          { name: 'read_file', arguments: '{not json' },
          { name: 'delete_everything', arguments: {} },
          { name: 'read_file', arguments: { path: 'missing.txt' } },
        ],
      },
      finish('Could not read.', 'failed'),
    ]);
    const { factory, context } = actorFixture(model);
    const report = await factory.create(leafTask('1', 'Read things')).run(context);
    const observations = (model.requests[1]?.messages ?? [])
      .filter((message) => message.role === 'tool')
      .map((message) => String(message.content));
    expect(observations[0]).toMatch(/^Error: Invalid arguments for read_file: path/);
    expect(observations[1]).toMatch(/^Error: .*not valid JSON/);
    expect(observations[2]).toMatch(/^Error: Unknown tool "delete_everything". Available tools: .*read_file/);
    expect(observations[3]).toMatch(/^Error: .*missing\.txt/);
    expect(report.status).toBe('failed');
    expect(report.failedObservations).toHaveLength(4);
  });

  it('accepts a final JSON message or plain text as the report', async () => {
    const json = new ScriptedModel(['```json\n{"status":"complete","summary":"All good","references":["a.md"]}\n```']);
    const first = actorFixture(json);
    expect(await first.factory.create(leafTask('1', 'x')).run(first.context)).toMatchObject({
      status: 'complete',
      summary: 'All good',
      references: ['a.md'],
    });
    const text = new ScriptedModel(['The answer is 42.']);
    const second = actorFixture(text);
    expect(await second.factory.create(leafTask('1', 'x')).run(second.context)).toMatchObject({
      status: 'complete',
      summary: 'The answer is 42.',
    });
  });

  it('asks again when the finish report is invalid', async () => {
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'finish', arguments: { status: 'maybe' } }] },
      finish('Fixed report'),
    ]);
    const { factory, context } = actorFixture(model);
    const report = await factory.create(leafTask('1', 'x')).run(context);
    expect(report.summary).toBe('Fixed report');
    expect(String(model.requests[1]?.messages.at(-1)?.content)).toMatch(/invalid finish report \(status/);
  });

  it('stops a loop: the same call with the same arguments is not run a third time', async () => {
    const model = new ScriptedModel({ fallback: { toolCalls: [{ name: 'list_dir', arguments: { path: '.' } }] } });
    const { factory, context, events } = actorFixture(model);
    const report = await factory.create(leafTask('1', 'Loop')).run(context);
    expect(report).toMatchObject({ status: 'failed', stopReason: 'loop', steps: 3 });
    expect(report.summary).toMatch(/Loop detected: list_dir was called 3 times/);
    expect(events.filter((event) => event.type === 'tool-call')).toHaveLength(2);
  });

  it('stops at the step limit', async () => {
    let index = 0;
    const model = new ScriptedModel({
      fallback: () => ({ toolCalls: [{ name: 'list_dir', arguments: { path: '.', depth: (index++ % 3) + 1 } }] }),
    });
    const { factory, context } = actorFixture(model);
    const report = await factory.create(leafTask('1', 'Wander')).run(context);
    expect(report).toMatchObject({ status: 'failed', stopReason: 'max-steps', steps: 4 });
  });

  it('turns a model fault into a failed report, but rethrows cancellation', async () => {
    const failing = new ScriptedModel([
      () => {
        throw new Error('HTTP 500 from the model server');
      },
    ]);
    const first = actorFixture(failing);
    expect(await first.factory.create(leafTask('1', 'x')).run(first.context)).toMatchObject({
      status: 'failed',
      stopReason: 'model-error',
      steps: 1,
      summary: 'Model error: HTTP 500 from the model server',
    });
    expect(failing.requests).toHaveLength(1);
    const slow = new ScriptedModel({ replies: ['late'], latencyMs: 5_000 });
    const second = actorFixture(slow);
    const running = second.factory.create(leafTask('1', 'x')).run(second.context);
    second.controller.abort(new Error('cancelled by test'));
    await expect(running).rejects.toThrow('cancelled by test');
  });

  it('keeps actor-step observations short; the full output stays in tool-result', async () => {
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'read_file', arguments: { path: 'big.txt' } }] },
      finish('read it'),
    ]);
    const fixture = actorFixture(model);
    writeFileSync(join(fixture.workspaceRoot, 'big.txt'), 'x'.repeat(10_000));
    await fixture.factory.create(leafTask('1', 'Read big.txt')).run(fixture.context);
    const step = fixture.events.find((event) => event.type === 'actor-step' && event.action === 'read_file');
    const result = fixture.events.find((event) => event.type === 'tool-result');
    expect(step?.type === 'actor-step' && step.observation).toMatch(
      /^x{4000}… \[6000 more characters in the tool-result event\]$/,
    );
    expect(result?.type === 'tool-result' && result.output.length).toBe(10_000);
  });

  it('writes files only through the sandboxed tools', async () => {
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'write_file', arguments: { path: 'notes/out.md', content: 'hello' } }] },
      finish('Wrote notes/out.md', 'complete', ['notes/out.md']),
    ]);
    const { factory, context, workspaceRoot } = actorFixture(model);
    const report = await factory.create(leafTask('1', 'Write notes/out.md')).run(context);
    expect(report.status).toBe('complete');
    expect(existsSync(join(workspaceRoot, 'notes/out.md'))).toBe(true);
    expect(readFileSync(join(workspaceRoot, 'notes/out.md'), 'utf8')).toBe('hello');
  });
});

describe('DynamicActor tool timeout', () => {
  it('aborts a tool that runs past its timeout and returns the timeout as an observation', async () => {
    let sawAbort = false;
    const slowTool: AnyTool = {
      name: 'slow_tool',
      description: 'Never finishes on its own',
      parameters: z.object({}),
      timeoutMs: 50,
      execute: (_args, context) =>
        new Promise((_resolve, reject) => {
          context.signal.addEventListener('abort', () => {
            sawAbort = true;
            reject(context.signal.reason);
          });
        }),
    };
    const model = new ScriptedModel([
      { toolCalls: [{ name: 'slow_tool', arguments: {} }] },
      finish('gave up', 'failed'),
    ]);
    const fixture = actorFixture(model);
    const actor = new DynamicActor({ ...fixture.factory.create(leafTask('1', 'x')).options, tools: [slowTool] });
    const report = await actor.run(fixture.context);
    expect(report.status).toBe('failed');
    expect(sawAbort).toBe(true);
    expect(String(model.requests[1]?.messages.at(-1)?.content)).toBe('Error: slow_tool timed out after 50 ms');
  });
});

describe('DynamicActor (react-text protocol)', () => {
  it('parses Thought/Action/Action Input, sends observations as user messages and finishes', async () => {
    const model = new ScriptedModel([
      'Thought: I should read the readme.\nAction: read_file\nAction Input: {"path": "README.md"}',
      'Thought: Done.\nAction: finish\nAction Input: ```json\n{"status": "complete", "summary": "A demo project.", "references": ["README.md"]}\n```',
    ]);
    const { factory, context, events } = actorFixture(model, { config: { tool_protocol: 'react-text' } });
    const report = await factory.create(leafTask('1', 'Read README.md')).run(context);
    expect(report).toMatchObject({ status: 'complete', summary: 'A demo project.', references: ['README.md'] });
    expect(model.requests[0]?.tools).toBeUndefined();
    expect(String(model.requests[0]?.messages[0]?.content)).toContain('Action Input:');
    const observation = model.requests[1]?.messages.at(-1);
    expect(observation?.role).toBe('user');
    expect(String(observation?.content)).toMatch(/^Observation: # Demo/);
    expect(events.some((event) => event.type === 'actor-step' && event.thought === 'I should read the readme.')).toBe(
      true,
    );
  });

  it('treats a reply without an Action as the final answer', async () => {
    const model = new ScriptedModel(['Thought: nothing to do\nFinal Answer: it is fine']);
    const { factory, context } = actorFixture(model, { config: { tool_protocol: 'react-text' } });
    const report = await factory.create(leafTask('1', 'x')).run(context);
    expect(report.status).toBe('complete');
    expect(report.summary).toBe('it is fine');
  });
});
