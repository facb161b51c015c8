import type { RunEventInput } from './run-events';
import type { TokenUsage } from './usage';

/** The `llm-usage` event for one model call (planner, actor, reflection …) that took `ms`. */
export function llmUsageEvent(role: string, usage: TokenUsage, ms: number, taskId?: string): RunEventInput {
  return {
    type: 'llm-usage',
    role,
    ...(taskId !== undefined ? { taskId } : {}),
    promptTokens: usage.promptTokens,
    completionTokens: usage.completionTokens,
    totalTokens: usage.totalTokens,
    ...(usage.estimated ? { estimated: true } : {}),
    ms,
  };
}
