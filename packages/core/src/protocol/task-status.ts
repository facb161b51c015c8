import { z } from 'zod';
import { verdictSummarySchema } from './judge-verdict';

/**
 * A task's status. `cancelled`: the run was cancelled while the task ran — it was cut short, not
 * judged, and is no failure (logs written before this status existed carry such tasks as `failed`
 * with the summary `cancelled`; they still load).
 */
export const taskStatusSchema = z.enum(['pending', 'in_progress', 'complete', 'failed', 'cancelled']);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** A checklist node as it travels in events and API responses (flat, with parent links). */
export const taskSnapshotSchema = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  title: z.string(),
  status: taskStatusSchema,
  depth: z.number().int().nonnegative(),
  completionCriteria: z.string().optional(),
  dependsOn: z.array(z.string()),
  persona: z.string().optional(),
  bundles: z.array(z.string()).optional(),
  summary: z.string().optional(),
  lastProgress: z.string().optional(),
  /** The judge's last verdict on the task's result. */
  verdict: verdictSummarySchema.optional(),
  /** What the actor claimed before the judge decided. */
  claimedStatus: z.enum(['complete', 'failed']).optional(),
});
export type TaskSnapshot = z.infer<typeof taskSnapshotSchema>;
