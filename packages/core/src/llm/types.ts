import type { ChatRequestMetadata } from '../protocol/request-metadata';
import type { TokenUsage } from '../protocol/usage';

/**
 * The model layer's contract. Messages, tools and tool calls follow the OpenAI chat format so that
 * any OpenAI-compatible server (vLLM, OpenAI, llama.cpp …) and the offline model share one shape.
 */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string }
  | { role: 'assistant'; content: string | null; tool_calls?: ToolCall[] }
  | { role: 'tool'; tool_call_id: string; content: string };

export interface ToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export type ToolChoice = 'auto' | 'none' | 'required' | { type: 'function'; function: { name: string } };

/** Structured output: the model must answer with JSON matching `schema`. */
export interface ResponseSchema {
  name: string;
  schema: Record<string, unknown>;
}

export interface ChatRequest {
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  responseSchema?: ResponseSchema;
  signal?: AbortSignal;
  temperature?: number;
  maxTokens?: number;
  /** Who asks and about what, as data; in-process providers read it, remote providers never send it. */
  metadata?: ChatRequestMetadata;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'unknown';

export interface ChatResponse {
  content: string;
  reasoning?: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  /** The model id that answered (`offline` for the offline model). */
  model: string;
}

export type ChatDelta =
  | { type: 'content'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'tool-call'; index: number; id?: string; name?: string; argumentsDelta?: string }
  | { type: 'finish'; response: ChatResponse };

export interface LanguageModel {
  /** `offline`, `vllm`, `openai`, `scripted` … */
  readonly provider: string;
  readonly modelId: string;
  chat(request: ChatRequest): Promise<ChatResponse>;
  /** Streams deltas; the last delta is always `finish` carrying the assembled response. */
  stream(request: ChatRequest): AsyncIterable<ChatDelta>;
}

export type { TokenUsage };
