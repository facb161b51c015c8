import { describe, expect, it } from 'vitest';
import { estimateUsage } from '../llm/estimate-usage';
import type { ChatMessage, ToolDefinition } from '../llm/types';
import {
  contextBudgetFor,
  DEFAULT_CONTEXT_WINDOW,
  estimateRequestTokens,
  promptTokenBudget,
  RequestTokenEstimate,
} from './context-budget';

describe('context budget', () => {
  it('uses context_window, max_tokens and a 10% margin', () => {
    const budget = contextBudgetFor({ provider: 'vllm', context_window: 32_768, extra_params: { max_tokens: 2_048 } });
    expect(budget).toEqual({ contextWindow: 32_768, completionTokens: 2_048, marginTokens: 3_277 });
    expect(budget && promptTokenBudget(budget)).toBe(32_768 - 2_048 - 3_277);
  });

  it('defaults the window for served models and has none offline unless configured', () => {
    expect(contextBudgetFor({ provider: 'openai', extra_params: {} })).toMatchObject({
      contextWindow: DEFAULT_CONTEXT_WINDOW,
      completionTokens: 4_096,
    });
    expect(contextBudgetFor({ provider: 'offline', extra_params: {} })).toBeUndefined();
    expect(contextBudgetFor({ provider: 'offline', context_window: 8_000, extra_params: {} })?.contextWindow).toBe(
      8_000,
    );
  });

  it('never goes below zero', () => {
    expect(promptTokenBudget({ contextWindow: 1_000, completionTokens: 2_048, marginTokens: 100 })).toBe(0);
  });

  it('estimates a request with the model layer estimate plus the tool definitions', () => {
    const messages: ChatMessage[] = [{ role: 'user', content: 'x'.repeat(400) }];
    const tools: ToolDefinition[] = [
      { type: 'function', function: { name: 'f', description: 'd'.repeat(100), parameters: {} } },
    ];
    const withoutTools = estimateRequestTokens(messages);
    expect(withoutTools).toBe(estimateUsage(messages, '').promptTokens);
    expect(estimateRequestTokens(messages, tools)).toBe(withoutTools + Math.ceil(JSON.stringify(tools).length / 4));
  });

  it('keeps the incremental estimate equal to a full re-estimate as messages are edited', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 's'.repeat(37) },
      { role: 'user', content: 'task' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a"}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'x'.repeat(1_001) },
    ];
    const tools: ToolDefinition[] = [{ type: 'function', function: { name: 'f', description: 'd', parameters: {} } }];
    const estimate = new RequestTokenEstimate(messages, tools);
    expect(estimate.tokens).toBe(estimateRequestTokens(messages, tools));
    const observation = messages[3];
    if (observation?.role === 'tool') observation.content = 'short';
    estimate.refresh([3]);
    expect(estimate.tokens).toBe(estimateRequestTokens(messages, tools));
    expect(new RequestTokenEstimate([]).tokens).toBe(estimateRequestTokens([]));
  });
});
