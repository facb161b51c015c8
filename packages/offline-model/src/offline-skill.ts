import type { ChatRequest } from '@gepa-aime/core';

/** What an offline skill answers: text, optional reasoning, and tool calls with plain arguments. */
export interface OfflineReply {
  content?: string;
  reasoning?: string;
  toolCalls?: Array<{ name: string; arguments: unknown }>;
}

/**
 * One deterministic rule of the offline model. The model asks its skills in order and the first
 * whose `handles` returns true answers the request.
 */
export interface OfflineSkill {
  name: string;
  handles(request: ChatRequest): boolean;
  respond(request: ChatRequest): OfflineReply | Promise<OfflineReply>;
}
