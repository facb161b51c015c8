import { environmentError } from '@gepa-aime/core';
import { z } from 'zod';

/** Settings of the HTTP service, from the environment (the server's only reader of env). */
export const serviceSettingsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8765),
  /** `[::1]` is accepted as written in URLs; the brackets are not part of the address to bind. */
  host: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .transform((host) => (host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host)),
  /** Surrounding whitespace (a copied token, a file's newline) is dropped: no header could carry it. */
  apiToken: z.string().trim().min(1, 'is only whitespace; set a token or unset the variable').optional(),
  concurrency: z.coerce.number().int().min(1).max(256).default(4),
  /** `POST /runs` per client per minute; 0 disables the limit. */
  rateLimit: z.coerce.number().int().min(0).max(1_000_000).default(60),
  tracesDir: z.string().min(1).default('traces'),
  workspace: z.string().min(1).optional(),
  /** Directory of model_config.yaml, gepa_config.yaml and tool_bundles.json (default ./config). */
  configDir: z.string().min(1).optional(),
});
export type ServiceSettings = z.infer<typeof serviceSettingsSchema>;

/** The environment variable behind each setting. */
const VARIABLES: Record<keyof ServiceSettings, string> = {
  port: 'AIME_PORT',
  host: 'AIME_HOST',
  apiToken: 'AIME_API_TOKEN',
  concurrency: 'AIME_CONCURRENCY',
  rateLimit: 'AIME_RATE_LIMIT',
  tracesDir: 'AIME_TRACES_DIR',
  workspace: 'AIME_WORKSPACE',
  configDir: 'AIME_CONFIG_DIR',
};

export function loadServiceSettings(env: NodeJS.ProcessEnv = process.env): ServiceSettings {
  const values = Object.fromEntries(Object.entries(VARIABLES).map(([field, name]) => [field, env[name] || undefined]));
  const result = serviceSettingsSchema.safeParse(values);
  if (result.success) return result.data;
  throw environmentError(result.error, VARIABLES);
}
