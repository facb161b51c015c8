import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/load-config';
import { createModel } from '../llm/create-model';
import type { RunEvent } from '../protocol/run-events';
import { AIMEWorkflow } from '../workflow/aime-workflow';
import type { WorkflowLimits } from '../workflow/workflow-limits';
import type { FakeOpenAIServer } from './fake-server/server';
import type { FakeHandler, FakeReply } from './fake-server/types';

type Reply = FakeReply | ((body: Record<string, unknown>) => FakeReply);

export interface AgentScript {
  /** Planner answers in order (objects are sent as JSON content). */
  planner: Array<Reply | Record<string, unknown>>;
  /** Actor answers per task id, in order; the last one repeats when the queue runs dry. */
  actors: Record<string, Reply[]>;
}

/** Messages of a chat body. */
export function messagesOf(body: Record<string, unknown>): Array<{ role: string; content: unknown }> {
  return Array.isArray(body.messages) ? (body.messages as Array<{ role: string; content: unknown }>) : [];
}

/**
 * A fake-server handler that answers planner requests (they carry `response_format`) and actor
 * requests (routed by "Subtask [id]" in the first user message) from separate scripts, so the
 * order of parallel actor calls does not matter.
 */
export function agentHandler(script: AgentScript): FakeHandler {
  const planner = [...script.planner];
  const actors = Object.fromEntries(Object.entries(script.actors).map(([id, replies]) => [id, [...replies]]));
  return (body) => {
    if (body.response_format) {
      const next = planner.shift();
      if (next === undefined)
        return {
          content: JSON.stringify({ rationale: 'script exhausted', tasks: [], done: true, finalAnswer: 'exhausted' }),
        };
      return resolveReply(next, body, true);
    }
    const task = messagesOf(body).find((message) => message.role === 'user')?.content;
    const id = /Subtask \[([^\]]+)\]/.exec(String(task))?.[1] ?? '?';
    const queue = actors[id];
    if (!queue || queue.length === 0) return { content: `no script for task ${id}` };
    const reply = queue.length > 1 ? queue.shift() : queue[0];
    return resolveReply(reply as Reply, body, false);
  };
}

function resolveReply(
  reply: Reply | Record<string, unknown>,
  body: Record<string, unknown>,
  isPlan: boolean,
): FakeReply {
  const value = typeof reply === 'function' ? reply(body) : reply;
  if (
    isPlan &&
    typeof value === 'object' &&
    value !== null &&
    !('fault' in value) &&
    !('content' in value) &&
    !('toolCalls' in value)
  ) {
    return { content: JSON.stringify({ rationale: 'scripted', tasks: [], next: [], done: false, ...value }) };
  }
  return value as FakeReply;
}

export const finishCall = (summary: string, status: 'complete' | 'failed' = 'complete', references: string[] = []) => ({
  toolCalls: [{ name: 'finish', arguments: { status, summary, references } }],
});

/** The workflow wired to the fake server through the real OpenAI-compatible client (provider vllm). */
export function fakeServerWorkflow(
  server: FakeOpenAIServer,
  workspaceRoot: string,
  limits: Partial<WorkflowLimits> = {},
  toolProtocol: 'native' | 'react-text' = 'native',
) {
  const config = loadConfig({
    directory: mkdtempSync(join(tmpdir(), 'aime-config-')),
    env: { AIME_PROVIDER: 'vllm', AIME_API_BASE: server.url, AIME_MODEL: 'fake-model' },
  });
  config.model.max_retries = 0;
  config.model.tool_protocol = toolProtocol;
  const model = createModel(config, { retryBaseDelayMs: 1 });
  const workflow = new AIMEWorkflow({ config, model, workspaceRoot, limits });
  const events: RunEvent[] = [];
  return { workflow, events, onEvent: (event: RunEvent) => void events.push(event) };
}
