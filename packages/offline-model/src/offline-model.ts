import type { ChatDelta, ChatRequest, ChatResponse, LanguageModel, ToolCall } from '@gepa-aime/core';
import { estimateUsage, ModelAbortedError } from '@gepa-aime/core';
import type { OfflineReply, OfflineSkill } from './offline-skill';
import { defaultOfflineSkills } from './skills/index';
import { plainChatSkill } from './skills/plain-chat-skill';

export interface OfflineModelOptions {
  /** Skills asked in order (default `defaultOfflineSkills`). */
  skills?: OfflineSkill[];
}

/**
 * The built-in `offline` provider. It is NOT a language model: it is deterministic and
 * rule-based, answering from an ordered list of skills (structured output from the JSON schema,
 * forced tool calls from the tool's parameter schema, plain chat that echoes and summarises).
 * It exists so that everything runs on a fresh machine without a GPU, and it says so in its
 * answers and reports (`model: "offline"`). Same requests in the same order → same answers.
 */
export class OfflineModel implements LanguageModel {
  readonly provider = 'offline';
  readonly modelId = 'offline';
  readonly skills: OfflineSkill[];
  private callCount = 0;

  constructor(options: OfflineModelOptions = {}) {
    this.skills = options.skills ?? defaultOfflineSkills;
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    throwIfAborted(request.signal);
    const callNumber = ++this.callCount;
    const skill = this.skills.find((candidate) => candidate.handles(request)) ?? plainChatSkill;
    const reply = await skill.respond(request);
    throwIfAborted(request.signal);
    return toResponse(reply, request, callNumber);
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    const response = await this.chat(request);
    if (response.reasoning) yield { type: 'reasoning', text: response.reasoning };
    for (const piece of chunkText(response.content)) {
      throwIfAborted(request.signal);
      yield { type: 'content', text: piece };
    }
    for (const [index, call] of response.toolCalls.entries()) {
      throwIfAborted(request.signal);
      yield { type: 'tool-call', index, id: call.id, name: call.function.name };
      yield { type: 'tool-call', index, argumentsDelta: call.function.arguments };
    }
    yield { type: 'finish', response };
  }
}

function toResponse(reply: OfflineReply, request: ChatRequest, callNumber: number): ChatResponse {
  const content = reply.content ?? '';
  const toolCalls: ToolCall[] = (reply.toolCalls ?? []).map((call, index) => ({
    id: `call_offline_${callNumber}_${index + 1}`,
    type: 'function',
    function: {
      name: call.name,
      arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments ?? {}),
    },
  }));
  const response: ChatResponse = {
    content,
    toolCalls,
    usage: estimateUsage(request.messages, content + (reply.reasoning ?? ''), toolCalls),
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    model: 'offline',
  };
  if (reply.reasoning) response.reasoning = reply.reasoning;
  return response;
}

/** Splits text into word-aligned pieces of roughly 24 characters (what the stream yields). */
function chunkText(text: string): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const token of text.match(/\S+\s*|\s+/g) ?? []) {
    current += token;
    if (current.length >= 24) {
      pieces.push(current);
      current = '';
    }
  }
  if (current) pieces.push(current);
  return pieces;
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ModelAbortedError('The model request was cancelled', { cause: signal.reason });
}
