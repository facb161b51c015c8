import { z } from 'zod';

/** Token counts as reports and events carry them (totals, and per role in a report). */
export const usageSchema = z.object({
  promptTokens: z.number(),
  completionTokens: z.number(),
  totalTokens: z.number(),
});

/** Token counts of one model call (or a sum of calls). */
export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** True when the server sent no usage and the numbers are estimates. */
  estimated?: boolean;
}
