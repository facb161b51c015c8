import { z } from 'zod';
import { environmentError } from './environment-error';

/** Backend of the `web_search` tool: `offline` searches the workspace; `searxng` calls a SearXNG-style JSON API. */
export const webSearchSettingsSchema = z
  .object({
    backend: z.enum(['offline', 'searxng']).default('offline'),
    url: z.url().optional(),
    timeoutMs: z.coerce.number().int().min(100).max(120_000).optional(),
  })
  .refine((settings) => settings.backend !== 'searxng' || settings.url !== undefined, {
    message: 'url is required when backend is searxng',
    path: ['url'],
  });
export type WebSearchSettings = z.infer<typeof webSearchSettingsSchema>;

/**
 * `AIME_SEARCH_BACKEND` (offline | searxng) and `AIME_SEARCH_URL` (base URL; setting only the URL
 * selects searxng). Returns undefined when neither is set, so tool options in tool_bundles.json apply.
 */
export function loadWebSearchSettings(env: NodeJS.ProcessEnv = process.env): WebSearchSettings | undefined {
  const backend = env.AIME_SEARCH_BACKEND || undefined;
  const url = env.AIME_SEARCH_URL || undefined;
  if (backend === undefined && url === undefined) return undefined;
  const result = webSearchSettingsSchema.safeParse({ backend: backend ?? 'searxng', url });
  if (result.success) return result.data;
  throw environmentError(result.error, { backend: 'AIME_SEARCH_BACKEND', url: 'AIME_SEARCH_URL' });
}
