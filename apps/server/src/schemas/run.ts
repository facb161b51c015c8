import {
  approvalDecisionSchema,
  RUN_LIMIT_RANGES,
  type RunStatus,
  runEventSchema,
  runStatusSchema,
  taskSnapshotSchema,
  usageSchema,
  workflowReportSchema,
} from '@gepa-aime/core';
import { z } from 'zod';
import { decodeCursor } from '../runs/run-list';
import { isValidRunId } from '../runs/run-store';

export const MAX_GOAL_LENGTH = 8000;

/** A whole number in [min, max], with one message for every way a value can miss it. */
function limitSchema(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

/** The same for a query parameter (a string in the URL): `?limit=abc` reads like `?limit=0`. */
function queryNumberSchema(min: number, max?: number) {
  const message =
    max === undefined ? `must be a whole number, ${min} or more` : `must be a whole number from ${min} to ${max}`;
  const atLeast = z.coerce.number({ error: message }).int(message).min(min, message);
  return max === undefined ? atLeast : atLeast.max(max, message);
}

export const createRunBodySchema = z.strictObject(
  {
    goal: z
      .string({ error: (issue) => (issue.input === undefined ? 'is required' : 'must be a string') })
      .trim()
      .min(1, 'must not be empty')
      .max(MAX_GOAL_LENGTH, `must be at most ${MAX_GOAL_LENGTH} characters`)
      .describe(`What the run should achieve, 1–${MAX_GOAL_LENGTH} characters (trimmed)`)
      .meta({ examples: ['Summarise the repository layout and propose next steps'] }),
    maxIterations: limitSchema(RUN_LIMIT_RANGES.maxIterations.min, RUN_LIMIT_RANGES.maxIterations.max)
      .optional()
      .describe('Planner iterations that run tasks (default 20)')
      .meta({ examples: [10] }),
    maxParallelActors: limitSchema(RUN_LIMIT_RANGES.maxParallelActors.min, RUN_LIMIT_RANGES.maxParallelActors.max)
      .optional()
      .describe('Actors running at the same time (default 3)')
      .meta({ examples: [2] }),
  },
  {
    error: (issue) =>
      issue.code === 'invalid_type' ? 'must be a JSON object such as {"goal": "Summarise the repository"}' : undefined,
  },
);
export type CreateRunBody = z.infer<typeof createRunBodySchema>;

export const runIdSchema = z.string().refine(isValidRunId, 'not a valid run id');

export const runParamsSchema = z.object({ id: runIdSchema });

export const runLinksSchema = z.object({
  self: z.string(),
  events: z.string(),
  cancel: z.string(),
  websocket: z.string(),
});

export const createRunResponseSchema = z
  .object({
    id: z
      .string()
      .describe('The run id')
      .meta({ examples: ['run-20261126-063012-a1b2c3d4'] }),
    status: runStatusSchema.describe('`running` when a slot was free, else `queued`'),
    links: runLinksSchema.describe('Where to follow the run: itself, its events, cancel, the WebSocket'),
  })
  .meta({ id: 'RunAccepted' });
export type RunAccepted = z.infer<typeof createRunResponseSchema>;

export const runSummarySchema = z
  .object({
    id: z
      .string()
      .describe('The run id')
      .meta({ examples: ['run-20261126-063012-a1b2c3d4'] }),
    goal: z.string().describe('The goal as submitted (trimmed)'),
    status: runStatusSchema.describe('queued, running, or how it ended'),
    createdAt: z.number().describe('When it was queued (epoch milliseconds)'),
    startedAt: z.number().nullable().describe('When it started (epoch ms); null while queued'),
    endedAt: z.number().nullable().describe('When it ended (epoch ms); null while queued or running'),
    updatedAt: z.number().describe('Last change (epoch ms)'),
    model: z.string().nullable().describe('The model id that runs it, e.g. `offline`'),
    lastSeq: z.number().int().describe('seq of the newest logged event (0: none yet)'),
    taskCounts: z
      .object({
        total: z.number().int().describe('Tasks in the checklist'),
        pending: z.number().int().describe('Not started'),
        in_progress: z.number().int().describe('Running'),
        complete: z.number().int().describe('Done, and the judge passed the result'),
        failed: z.number().int().describe('Failed, or the judge failed the result'),
        cancelled: z.number().int().describe('Cut short by a cancel while they ran (not judged, no failure)'),
      })
      .describe('The checklist by task status'),
    usage: usageSchema.describe('Tokens used by every model call of the run'),
    links: runLinksSchema.describe('Where to follow the run'),
  })
  .meta({ id: 'RunSummary' });
export type RunSummary = z.infer<typeof runSummarySchema>;

export const approvalSchema = z
  .object({
    toolCallId: z.string(),
    taskId: z.string(),
    tool: z.string(),
    args: z.unknown(),
    reason: z.string(),
    requestedAt: z.number(),
    expiresAt: z.number(),
    diff: z.string().optional().describe('write_file over an existing file: unified diff'),
    decision: approvalDecisionSchema.optional(),
    note: z.string().optional(),
    by: z.enum(['operator', 'expiry', 'auto']).optional(),
  })
  .meta({ id: 'Approval' });

export const approvalBodySchema = z.strictObject({
  decision: approvalDecisionSchema,
  note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
});

export const approvalParamsSchema = z.object({
  id: runIdSchema,
  callId: z.string().min(1, 'must not be empty').max(256, 'must be at most 256 characters'),
});

export const runDetailSchema = runSummarySchema
  .extend({
    maxIterations: z.number().int().nullable(),
    maxParallelActors: z.number().int().nullable(),
    iteration: z.number().int(),
    tasks: z.array(taskSnapshotSchema),
    markdown: z.string(),
    rationale: z.string(),
    finalAnswer: z.string().nullable(),
    usageByRole: z.record(z.string(), usageSchema),
    report: workflowReportSchema.nullable(),
    error: z.string().nullable(),
    approvals: z
      .array(approvalSchema)
      .describe('approval requests of the run, oldest first; an open one has no decision (status "waiting")'),
  })
  .meta({ id: 'RunDetail' });
export type RunDetail = z.infer<typeof runDetailSchema>;

const statusListSchema = z.string().transform((value, context) => {
  const parts = value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
  const unknown = parts.filter((part) => !runStatusSchema.safeParse(part).success);
  if (unknown.length > 0) {
    context.addIssue({
      code: 'custom',
      message: `must be one or more of ${runStatusSchema.options.join(', ')} (got ${unknown.map((part) => JSON.stringify(part)).join(', ')})`,
    });
    return z.NEVER;
  }
  return parts as RunStatus[];
});

export const listRunsQuerySchema = z.object({
  status: statusListSchema.optional().describe('One status or a comma-separated list, e.g. `running,queued`'),
  cursor: z
    .string()
    .refine((cursor) => decodeCursor(cursor) !== undefined, 'not a cursor from this server')
    .optional()
    .describe('`nextCursor` of the previous page'),
  limit: queryNumberSchema(1, 100).default(20).describe('Runs per page, 1–100'),
});

export const runListResponseSchema = z
  .object({ runs: z.array(runSummarySchema), nextCursor: z.string().nullable() })
  .meta({ id: 'RunList' });
export type RunList = z.infer<typeof runListResponseSchema>;

export const eventsQuerySchema = z.object({
  after: queryNumberSchema(0).default(0).describe('Return events with seq greater than this'),
  limit: queryNumberSchema(1, 5000).default(1000).describe('Events per page, 1–5000'),
});

export const eventsResponseSchema = z
  .object({
    runId: z.string(),
    events: z.array(runEventSchema),
    lastSeq: z.number().int().describe('seq of the newest logged event of the run'),
    nextAfter: z.number().int().nullable().describe('pass as `after` to read the next page; null when complete'),
  })
  .meta({ id: 'RunEvents' });
export type RunEvents = z.infer<typeof eventsResponseSchema>;
