import type { z } from 'zod';

/** `path: message; path: message` — the one way validation problems are worded for people and models. */
/** At most `limit` issues are listed (a model re-prompted with a long list learns nothing more). */
export function formatZodIssues(error: z.ZodError, rootLabel = '(root)', limit = Number.POSITIVE_INFINITY): string {
  return error.issues
    .slice(0, limit)
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : rootLabel}: ${issue.message}`)
    .join('; ');
}
