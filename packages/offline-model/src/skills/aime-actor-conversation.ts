import type { ChatRequest, RequestKnowledge } from '@gepa-aime/core';
import { cleanTaskTitle } from './aime-task-terms';

/** One tool call the actor made and what it observed. */
export interface ObservedCall {
  name: string;
  args: Record<string, unknown>;
  output: string;
  ok: boolean;
}

/** A result of an earlier task, as the actor was given it. */
export type KnowledgeEntry = RequestKnowledge;

/** What the offline actor skill reads from an actor request's metadata. */
export interface ActorConversation {
  taskId: string;
  title: string;
  criteria: string;
  goal: string;
  knowledge: KnowledgeEntry[];
  calls: ObservedCall[];
  tools: string[];
  /** The actor speaks the text protocol (Thought / Action / Action Input) instead of tool calls. */
  reactText: boolean;
}

/** An actor request: the request metadata says so (never the prompt's wording). */
export function isActorRequest(request: ChatRequest): boolean {
  return request.metadata?.role === 'actor';
}

/** The task, knowledge, tools and tool calls so far, from the actor request's metadata. */
export function readActorConversation(request: ChatRequest): ActorConversation {
  const intent = request.metadata;
  if (intent?.role !== 'actor') throw new TypeError('not an actor request (metadata.role is not "actor")');
  return {
    taskId: intent.task.id,
    title: cleanTaskTitle(intent.task.title),
    criteria: intent.task.completionCriteria?.trim() ?? '',
    goal: intent.goal.trim(),
    knowledge: intent.knowledge.map((entry) => ({ ...entry, references: [...entry.references] })),
    calls: intent.steps.map((step) => ({
      name: step.tool,
      args: step.arguments,
      output: step.observation,
      ok: step.ok,
    })),
    tools: [...intent.tools],
    reactText: intent.toolProtocol === 'react-text',
  };
}
