import { ActorFactory } from '../actors/actor-factory';
import type { AIMEConfig } from '../config/load-config';
import type { ChatMessage, LanguageModel } from '../llm/types';
import type { RunEventInput } from '../protocol/run-events';
import type { TaskStatus } from '../protocol/task-status';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import { tempWorkspace, testConfig } from './workflow-fixtures';

/** A temp workspace with a README, the default config, a factory and a context that records events. */
export function actorFixture(model: LanguageModel, overrides: { config?: Partial<AIMEConfig['model']> } = {}) {
  const workspaceRoot = tempWorkspace();
  const loaded = testConfig();
  const config: AIMEConfig = { ...loaded, model: { ...loaded.model, ...overrides.config } };
  const factory = new ActorFactory({
    config,
    model,
    tools: createBuiltinRegistry(),
    workspaceRoot,
    goal: 'Test goal',
    maxSteps: 4,
    toolTimeoutMs: 2_000,
    now: () => Date.UTC(2026, 0, 2, 3, 4, 5),
  });
  const events: RunEventInput[] = [];
  const progress: Array<[TaskStatus, string]> = [];
  const controller = new AbortController();
  const context = {
    workspaceRoot,
    signal: controller.signal,
    emit: (event: RunEventInput) => {
      events.push(event);
    },
    reportProgress: (status: TaskStatus, message: string) => {
      progress.push([status, message]);
    },
  };
  return { workspaceRoot, config, factory, events, progress, controller, context };
}

export function leafTask(id: string, title: string, extra: { persona?: string; bundles?: string[] } = {}) {
  return { id, title, status: 'pending' as const, dependsOn: [], notes: [], references: [], children: [], ...extra };
}

/** Where a history breaks the OpenAI pairing: a tool message not right after the assistant message that called it. */
export function toolPairingProblems(messages: ChatMessage[]): string[] {
  const problems: string[] = [];
  let callIds = new Set<string>();
  for (const [index, message] of messages.entries()) {
    if (message.role === 'assistant') callIds = new Set((message.tool_calls ?? []).map((call) => call.id));
    else if (message.role !== 'tool') callIds = new Set();
    else if (!callIds.has(message.tool_call_id)) problems.push(`message ${index} answers ${message.tool_call_id}`);
  }
  return problems;
}
