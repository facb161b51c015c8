import { z } from 'zod';

export const errorResponseSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string().describe('Stable machine-readable code, e.g. bad_request, run_not_found, internal'),
    message: z.string(),
    fields: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('For 400s: each invalid field, as `body.goal`, `querystring.limit`, …'),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
