import type { ChatDelta, ChatRequest, ToolDefinition } from '@gepa-aime/core';
import { ModelAbortedError } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OfflineModel } from './offline-model';
import type { OfflineSkill } from './offline-skill';

const readFileTool: ToolDefinition = {
  type: 'function',
  function: {
    name: 'read_file',
    description: 'Read a text file in the workspace',
    parameters: z.toJSONSchema(z.object({ path: z.string(), maxBytes: z.number().int().positive().optional() })),
  },
};
const searchTool: ToolDefinition = {
  type: 'function',
  function: {
    name: 'search_text',
    description: 'Search files for a pattern',
    parameters: z.toJSONSchema(z.object({ pattern: z.string().min(1), limit: z.number().int().max(50) })),
  },
};

async function collect(stream: AsyncIterable<ChatDelta>): Promise<ChatDelta[]> {
  const deltas: ChatDelta[] = [];
  for await (const delta of stream) deltas.push(delta);
  return deltas;
}

describe('OfflineModel', () => {
  it('answers hello politely and says it is the offline model', async () => {
    const response = await new OfflineModel().chat({ messages: [{ role: 'user', content: 'hello' }] });
    expect(response.content).toMatch(/^Hello!/);
    expect(response.content).toContain('offline model');
    expect(response.model).toBe('offline');
    expect(response.finishReason).toBe('stop');
    expect(response.usage.estimated).toBe(true);
    expect(response.usage.totalTokens).toBe(response.usage.promptTokens + response.usage.completionTokens);
  });

  it('summarises a plain message deterministically', async () => {
    const request: ChatRequest = { messages: [{ role: 'user', content: 'Explain   the AIME planner loop' }] };
    const first = await new OfflineModel().chat(request);
    const second = await new OfflineModel().chat(request);
    expect(first.content).toContain('"Explain the AIME planner loop"');
    expect(first.content).toContain('rule-based');
    expect(second).toEqual(first);
  });

  it('does simple arithmetic', async () => {
    const response = await new OfflineModel().chat({ messages: [{ role: 'user', content: 'what is 12 * 3.5?' }] });
    expect(response.content).toContain('12 * 3.5 = 42');
  });

  it('produces structured output valid for the schema', async () => {
    const schema = z.object({
      goal: z.string(),
      steps: z.array(z.object({ title: z.string(), done: z.boolean() })).min(2),
      confidence: z.number().min(0).max(1),
    });
    const response = await new OfflineModel().chat({
      messages: [{ role: 'user', content: 'Plan a release' }],
      responseSchema: { name: 'plan', schema: z.toJSONSchema(schema) as Record<string, unknown> },
    });
    const parsed = schema.parse(JSON.parse(response.content));
    expect(parsed.steps).toHaveLength(2);
  });

  it('makes a required tool call whose arguments satisfy the parameters', async () => {
    const response = await new OfflineModel().chat({
      messages: [{ role: 'user', content: 'search the files for TODO markers' }],
      tools: [readFileTool, searchTool],
      toolChoice: 'required',
    });
    expect(response.finishReason).toBe('tool_calls');
    expect(response.toolCalls).toHaveLength(1);
    const call = response.toolCalls[0]!;
    expect(call.function.name).toBe('search_text');
    const args = z
      .object({ pattern: z.string().min(1), limit: z.number().int().max(50) })
      .parse(JSON.parse(call.function.arguments));
    expect(args.pattern).toContain('todo');
  });

  it('calls the function named by toolChoice', async () => {
    const response = await new OfflineModel().chat({
      messages: [{ role: 'user', content: 'look at src/main.ts' }],
      tools: [searchTool, readFileTool],
      toolChoice: { type: 'function', function: { name: 'read_file' } },
    });
    expect(response.toolCalls[0]?.function.name).toBe('read_file');
    expect(JSON.parse(response.toolCalls[0]!.function.arguments)).toMatchObject({ path: 'src/main.ts' });
  });

  it('does not call tools when the choice is auto', async () => {
    const response = await new OfflineModel().chat({
      messages: [{ role: 'user', content: 'hi there' }],
      tools: [readFileTool],
      toolChoice: 'auto',
    });
    expect(response.toolCalls).toEqual([]);
  });

  it('asks custom skills first, in order', async () => {
    const echo: OfflineSkill = { name: 'echo', handles: () => true, respond: () => ({ content: 'from skill' }) };
    const response = await new OfflineModel({ skills: [echo] }).chat({ messages: [{ role: 'user', content: 'x' }] });
    expect(response.content).toBe('from skill');
  });

  it('streams content in chunks that add up, then finishes', async () => {
    const deltas = await collect(new OfflineModel().stream({ messages: [{ role: 'user', content: 'hello' }] }));
    const pieces = deltas.filter((delta) => delta.type === 'content');
    expect(pieces.length).toBeGreaterThan(1);
    const last = deltas.at(-1);
    expect(last?.type).toBe('finish');
    if (last?.type !== 'finish') return;
    expect(pieces.map((delta) => delta.text).join('')).toBe(last.response.content);
  });

  it('streams tool calls', async () => {
    const deltas = await collect(
      new OfflineModel().stream({
        messages: [{ role: 'user', content: 'read README.md' }],
        tools: [readFileTool],
        toolChoice: 'required',
      }),
    );
    expect(deltas.filter((delta) => delta.type === 'tool-call').length).toBe(2);
  });

  it('rejects an aborted request with a typed error', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      new OfflineModel().chat({ messages: [{ role: 'user', content: 'hello' }], signal: controller.signal }),
    ).rejects.toBeInstanceOf(ModelAbortedError);
  });
});
