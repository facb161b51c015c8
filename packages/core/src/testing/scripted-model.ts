import { estimateTokens } from '../llm/estimate-usage';
import { responseDeltas } from '../llm/response-deltas';
import type { ChatDelta, ChatRequest, ChatResponse, LanguageModel, ToolCall } from '../llm/types';

/** A scripted reply: text, tool calls, or a function of the request (throw to simulate a fault). */
export type ScriptedReply =
  | string
  | { content?: string; reasoning?: string; toolCalls?: Array<{ name: string; arguments: unknown; id?: string }> }
  | ((request: ChatRequest, callIndex: number) => ScriptedReply | Promise<ScriptedReply>);

export interface ScriptedModelOptions {
  /** Replies in order; when they run out `fallback` answers (default: an error). */
  replies?: ScriptedReply[];
  fallback?: ScriptedReply;
  /** Milliseconds to wait before each reply (honours the request's AbortSignal). */
  latencyMs?: number;
  modelId?: string;
}

/**
 * In-process model for fast unit tests: replays a script and records every request. Integration
 * tests use the fake OpenAI-compatible server instead so that the real HTTP client runs.
 */
export class ScriptedModel implements LanguageModel {
  readonly provider = 'scripted';
  readonly modelId: string;
  readonly requests: ChatRequest[] = [];
  private readonly replies: ScriptedReply[];
  private readonly options: ScriptedModelOptions;

  constructor(options: ScriptedModelOptions | ScriptedReply[] = {}) {
    this.options = Array.isArray(options) ? { replies: options } : options;
    this.replies = [...(this.options.replies ?? [])];
    this.modelId = this.options.modelId ?? 'scripted';
  }

  async chat(request: ChatRequest): Promise<ChatResponse> {
    const callIndex = this.requests.length;
    this.requests.push(request);
    if (this.options.latencyMs) await delay(this.options.latencyMs, request.signal);
    request.signal?.throwIfAborted();
    let reply = this.replies.shift() ?? this.options.fallback;
    if (reply === undefined) throw new Error(`ScriptedModel: no reply scripted for call ${callIndex + 1}`);
    while (typeof reply === 'function') reply = await reply(request, callIndex);
    return toResponse(reply, this.modelId, callIndex);
  }

  async *stream(request: ChatRequest): AsyncIterable<ChatDelta> {
    yield* responseDeltas(await this.chat(request));
  }
}

function toResponse(reply: Exclude<ScriptedReply, (...args: never[]) => unknown>, model: string, callIndex: number) {
  const content = typeof reply === 'string' ? reply : (reply.content ?? '');
  const toolCalls: ToolCall[] =
    typeof reply === 'string'
      ? []
      : (reply.toolCalls ?? []).map((call, index) => ({
          id: call.id ?? `call_${callIndex + 1}_${index + 1}`,
          type: 'function' as const,
          function: {
            name: call.name,
            arguments: typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
          },
        }));
  const completionTokens = estimateTokens(content + JSON.stringify(toolCalls));
  const response: ChatResponse = {
    content,
    toolCalls,
    usage: { promptTokens: 0, completionTokens, totalTokens: completionTokens, estimated: true },
    finishReason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
    model,
  };
  if (typeof reply !== 'string' && reply.reasoning) response.reasoning = reply.reasoning;
  return response;
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
