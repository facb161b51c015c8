import { z } from 'zod';
import { runIdSchema } from './run';

/** Messages a WebSocket client sends. */
export const clientMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('subscribe'),
    runId: z.union([z.literal('*'), runIdSchema]).describe('a run id, or `*` for every run'),
    afterSeq: z.number().int().min(0).optional(),
  }),
  z.object({
    type: z.literal('unsubscribe'),
    runId: z.union([z.literal('*'), runIdSchema]),
  }),
]);
export type ClientMessage = z.infer<typeof clientMessageSchema>;
