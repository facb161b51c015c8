import { canonicalJson } from '@gepa-aime/core';
import type { ActorConversation, ObservedCall } from './aime-actor-conversation';

/** A tool call the offline actor intends to make. */
export interface PlannedCall {
  name: string;
  arguments: Record<string, unknown>;
}

export type TaskIntent =
  | 'web'
  | 'write'
  | 'recall'
  | 'count'
  | 'rank'
  | 'unsupported'
  | 'compare'
  | 'search'
  | 'propose'
  | 'read'
  | 'list'
  | 'layout'
  /** One call of an MCP tool the task names (aime-mcp-choice). */
  | 'tool'
  | 'unknown';

/** What the actor will do for a task: its intent, every call it needs (in order), and what it could not find. */
export interface TaskPlan {
  intent: TaskIntent;
  calls: PlannedCall[];
  /** Set when something the task names does not exist in the workspace. */
  missing?: string;
  /** The write target of a write task. */
  target?: string;
  /** The remaining calls are independent: make them all in one step (native tool calls). */
  batch?: boolean;
}

/** The call already made with exactly these arguments (key order ignored), if any. */
export function findCall(
  conversation: ActorConversation,
  name: string,
  args: Record<string, unknown>,
): ObservedCall | undefined {
  const key = canonicalJson(args);
  return conversation.calls.find((call) => call.name === name && canonicalJson(call.args) === key);
}
