import { ContextLengthExceededError } from '../llm/errors/context-length-exceeded-error';
import type { ChatRequest, ChatResponse, LanguageModel } from '../llm/types';
import { ActorContextExceededError } from './actor-context-exceeded-error';
import { compactHistory } from './compact-history';
import { type ContextBudget, estimateRequestTokens, KEEP_RECENT_STEPS, promptTokenBudget } from './context-budget';

export interface ChatWithinBudgetOptions {
  model: LanguageModel;
  /** `undefined`: no known window, the history is sent as it is until the server refuses it. */
  budget: ContextBudget | undefined;
}

/**
 * Sends an actor's request with its history compacted to the context budget. When the server still
 * answers "context length exceeded" (the chars/4 estimate is only an estimate), compacts to half
 * the budget, keeping only the last step intact, and retries once; a second refusal becomes an
 * ActorContextExceededError with a summary that says so.
 */
export async function chatWithinBudget(options: ChatWithinBudgetOptions, request: ChatRequest): Promise<ChatResponse> {
  const { model, budget } = options;
  const tools = request.tools;
  const budgetTokens = budget ? promptTokenBudget(budget) : undefined;
  const messages =
    budgetTokens === undefined
      ? [...request.messages]
      : compactHistory(request.messages, { budgetTokens, keepRecentSteps: KEEP_RECENT_STEPS, tools });
  try {
    return await model.chat({ ...request, messages });
  } catch (error) {
    if (!(error instanceof ContextLengthExceededError) || request.signal?.aborted) throw error;
    const halved = Math.floor((budgetTokens ?? estimateRequestTokens(messages, tools)) / 2);
    const retry = compactHistory(request.messages, { budgetTokens: halved, keepRecentSteps: 1, tools });
    try {
      return await model.chat({ ...request, messages: retry });
    } catch (retryError) {
      if (!(retryError instanceof ContextLengthExceededError) || request.signal?.aborted) throw retryError;
      const summary = exceededSummary(estimateRequestTokens(retry, tools), budget, retryError);
      throw new ActorContextExceededError(summary, retryError);
    }
  }
}

function exceededSummary(estimate: number, budget: ContextBudget | undefined, error: Error): string {
  const window = budget
    ? ` (context_window ${budget.contextWindow} tokens, ${budget.completionTokens} reserved for the answer)`
    : '';
  return (
    `Context window exceeded: the conversation did not fit the model's context window${window} even after ` +
    `compacting older observations to about ${estimate} estimated tokens and retrying once. Split the task, ` +
    `read smaller parts of files, or raise context_window / vLLM --max-model-len. Server said: ${error.message}`
  );
}
