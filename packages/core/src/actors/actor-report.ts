import { z } from 'zod';

/** The structured report every actor ends with (the `finish` tool's arguments). */
export const actorReportSchema = z.object({
  status: z.enum(['complete', 'failed']).describe('complete when the subtask is done, failed when it cannot be done'),
  summary: z.string().min(1).describe('The result itself (facts found, files written) or the reason for failing'),
  references: z.array(z.string()).default([]).describe('Workspace paths or URLs the result is based on'),
});
export type ActorReportInput = z.infer<typeof actorReportSchema>;

export interface ActorReport extends ActorReportInput {
  steps: number;
  /** Set when the actor was stopped: a loop, the step limit, a model fault. */
  stopReason?: 'loop' | 'max-steps' | 'model-error' | 'no-answer';
  /** Observations of failed tool calls (GEPA feedback). */
  failedObservations: string[];
}

export const FINISH_TOOL_NAME = 'finish';
