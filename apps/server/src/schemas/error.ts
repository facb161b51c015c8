import { z } from 'zod';

export const errorResponseSchema = z
  .object({
    statusCode: z
      .number()
      .int()
      .min(400)
      .max(599)
      .describe('The HTTP status')
      .meta({ examples: [400] }),
    error: z
      .string()
      .describe('Stable machine-readable code, e.g. bad_request, run_not_found, internal')
      .meta({ examples: ['bad_request'] }),
    message: z
      .string()
      .describe('What was wrong, for a person')
      .meta({ examples: ['goal is required'] }),
    fields: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe('For 400s: each invalid field, as `body.goal`, `querystring.limit`, …'),
  })
  .meta({ id: 'Error' });
export type ErrorResponse = z.infer<typeof errorResponseSchema>;
