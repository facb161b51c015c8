import type { ModelConfig } from '../config/model-config';
import { estimateTokens, estimateUsage, promptLine } from '../llm/estimate-usage';
import type { ChatMessage, ToolDefinition } from '../llm/types';

/** Context window assumed for `vllm` / `openai` when `context_window` is not set (the compose default `--max-model-len`). */
export const DEFAULT_CONTEXT_WINDOW = 32_768;
/** Tokens kept free for the answer when `extra_params.max_tokens` is not set. */
export const DEFAULT_COMPLETION_RESERVE = 4_096;
/** Share of the window kept free because chars/4 is only an estimate. */
export const CONTEXT_MARGIN_RATIO = 0.1;
/** The last steps of the conversation that compaction leaves intact. */
export const KEEP_RECENT_STEPS = 2;

/** How many tokens an actor's request may use: the window minus the answer minus a safety margin. */
export interface ContextBudget {
  contextWindow: number;
  completionTokens: number;
  marginTokens: number;
}

/**
 * The budget for a model config: `context_window` when set, else the default window for served
 * models; `undefined` for the offline model without a `context_window` (nothing to fit).
 */
export function contextBudgetFor(model: Pick<ModelConfig, 'provider' | 'context_window' | 'extra_params'>) {
  const contextWindow = model.context_window ?? (model.provider === 'offline' ? undefined : DEFAULT_CONTEXT_WINDOW);
  if (contextWindow === undefined) return undefined;
  const budget: ContextBudget = {
    contextWindow,
    completionTokens: model.extra_params.max_tokens ?? DEFAULT_COMPLETION_RESERVE,
    marginTokens: Math.ceil(contextWindow * CONTEXT_MARGIN_RATIO),
  };
  return budget;
}

/** Tokens the prompt (messages and tool definitions) may take. */
export function promptTokenBudget(budget: ContextBudget): number {
  return Math.max(0, budget.contextWindow - budget.completionTokens - budget.marginTokens);
}

/** Estimated prompt tokens of a request, with the same chars/4 estimate the model layer uses for usage. */
export function estimateRequestTokens(messages: ChatMessage[], tools: ToolDefinition[] = []): number {
  const toolTokens = tools.length > 0 ? estimateTokens(JSON.stringify(tools)) : 0;
  return estimateUsage(messages, '').promptTokens + toolTokens;
}

/**
 * estimateRequestTokens for a message list that is edited in place: each message's share is kept,
 * so re-estimating after editing a few messages costs only those messages, not the whole history.
 */
export class RequestTokenEstimate {
  private readonly messages: ChatMessage[];
  private readonly lineLengths: number[];
  private readonly toolTokens: number;
  private characters: number;

  constructor(messages: ChatMessage[], tools: ToolDefinition[] = []) {
    this.messages = messages;
    this.lineLengths = messages.map((message) => promptLine(message).length);
    this.toolTokens = tools.length > 0 ? estimateTokens(JSON.stringify(tools)) : 0;
    const newlines = Math.max(0, messages.length - 1);
    this.characters = this.lineLengths.reduce((sum, length) => sum + length, newlines);
  }

  get tokens(): number {
    return Math.ceil(this.characters / 4) + this.toolTokens;
  }

  /** Takes in the edits made to the messages at these indices. */
  refresh(indices: Iterable<number>): void {
    for (const index of indices) {
      const message = this.messages[index];
      if (!message) continue;
      const length = promptLine(message).length;
      this.characters += length - (this.lineLengths[index] ?? 0);
      this.lineLengths[index] = length;
    }
  }
}
