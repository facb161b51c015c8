import type { ModelConfig } from '../config/model-config';
import { estimateTokens, estimateUsage } from '../llm/estimate-usage';
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
