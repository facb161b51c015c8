/** The tool-usage and cost figures of one task attempt (GEPA trace records carry them). */
export interface TaskStats {
  /** Calls per tool name. */
  toolCalls: Record<string, number>;
  toolErrors: number;
  steps: number;
  promptTokens: number;
  completionTokens: number;
  modelMs: number;
  toolMs: number;
}
