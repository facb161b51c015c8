import { estimateUsage } from '../estimate-usage';
import type { ChatRequest, ChatResponse, FinishReason, TokenUsage, ToolCall } from '../types';
import { splitThinkBlock } from './think-blocks';
import { extractToolCallsFromContent } from './tool-calls-in-content';

export interface RawUsage {
  prompt_tokens?: number | null;
  completion_tokens?: number | null;
  total_tokens?: number | null;
}

export interface RawAnswer {
  content: string;
  /** Reasoning the server sent in its own field (`reasoning` / `reasoning_content`). */
  reasoning?: string;
  /**
   * Whether a bare `</think>` in the content ends a think block (see think-blocks.ts). Default:
   * only when the server sent no reasoning of its own.
   */
  bareCloseTag?: boolean;
  toolCalls: ToolCall[];
  finishReason: string | null | undefined;
  usage: RawUsage | null | undefined;
  model: string;
}

let recoveredCallCount = 0;

/**
 * Final step shared by every endpoint: moves a think block from the content to the reasoning
 * (after the server's own reasoning), recovers tool calls left in the rest of the content (when
 * the request offered tools), maps the finish reason, and takes usage from the server or estimates it.
 */
export function buildResponse(raw: RawAnswer, request: ChatRequest): ChatResponse {
  const think = splitThinkBlock(raw.content, { bareCloseTag: raw.bareCloseTag ?? !raw.reasoning });
  const reasoning = joinReasoning(raw.reasoning ?? '', think.reasoning);
  let content = think.content;
  const toolCalls = [...raw.toolCalls];
  if ((request.tools?.length ?? 0) > 0) {
    const recovered = extractToolCallsFromContent(content);
    content = recovered.content;
    for (const call of recovered.toolCalls) {
      toolCalls.push({
        id: `call_content_${++recoveredCallCount}`,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      });
    }
  }
  const response: ChatResponse = {
    content,
    toolCalls,
    usage: usageOf(raw.usage) ?? estimateUsage(request.messages, content + reasoning, toolCalls),
    finishReason: mapFinishReason(raw.finishReason, toolCalls.length > 0),
    model: raw.model,
  };
  if (reasoning) response.reasoning = reasoning;
  return response;
}

/** The server's reasoning, then the think block's, on separate lines. */
export function joinReasoning(server: string, think: string): string {
  return server && think ? `${server}\n${think}` : server || think;
}

function usageOf(usage: RawUsage | null | undefined): TokenUsage | undefined {
  if (!usage || typeof usage.prompt_tokens !== 'number' || typeof usage.completion_tokens !== 'number') {
    return undefined;
  }
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
  };
}

export function mapFinishReason(reason: string | null | undefined, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls && (reason === 'stop' || reason === 'tool_calls' || !reason)) return 'tool_calls';
  switch (reason) {
    case 'stop':
    case 'length':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    case 'function_call':
      return 'tool_calls';
    case 'eos':
    case 'stop_sequence':
      return 'stop';
    default:
      return reason ? 'unknown' : 'stop';
  }
}

/** `reasoning` (newer vLLM) or `reasoning_content` (older vLLM, DeepSeek) on a message or delta. */
export function reasoningOf(record: unknown): string | undefined {
  if (!record || typeof record !== 'object') return undefined;
  const value = (record as { reasoning?: unknown; reasoning_content?: unknown }).reasoning;
  const legacy = (record as { reasoning_content?: unknown }).reasoning_content;
  if (typeof value === 'string' && value) return value;
  if (typeof legacy === 'string' && legacy) return legacy;
  return undefined;
}
