import { z } from 'zod';

/** Channel announcing every stored record: `{runId, seq, at}` (seq 0: a new queued run). */
export const RUN_EVENTS_CHANNEL = 'aime_run_events';
/** Channel asking the worker running a run to stop it: the run id. */
export const RUN_CANCEL_CHANNEL = 'aime_run_cancel';
/** Channel telling the worker running a run that an operator answered one of its approval requests: the run id. */
export const APPROVAL_ANSWER_CHANNEL = 'aime_approval_answer';
/** Channel waking idle workers: a run was queued. */
export const RUN_QUEUED_CHANNEL = 'aime_run_queued';

export const runNotificationSchema = z.object({
  runId: z.string(),
  seq: z.number().int().nonnegative(),
  /** Epoch ms when the writer stored the record (for the notify-lag metric). */
  at: z.number(),
});
export type RunNotification = z.infer<typeof runNotificationSchema>;

/** `undefined` for a payload that is not one of ours. */
export function parseRunNotification(payload: string | undefined): RunNotification | undefined {
  try {
    const parsed = runNotificationSchema.safeParse(JSON.parse(payload ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
