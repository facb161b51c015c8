import { environmentError } from '@gepa-aime/core';
import { z } from 'zod';

const flagSchema = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off'])
  .transform((value) => ['1', 'true', 'yes', 'on'].includes(value));

/** The scale-out (PostgreSQL) mode's settings; absent `databaseUrl` means the embedded mode. */
export const scaleOutSettingsSchema = z.object({
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// or postgresql:// URL')
    .optional(),
  /** Does this server also execute runs (besides serving the API)? */
  worker: flagSchema.default(true),
  /** How many times a run interrupted by a dead worker is re-run from the start. */
  retryInterrupted: z.coerce.number().int().min(0).max(10).default(1),
});
export type ScaleOutSettings = z.infer<typeof scaleOutSettingsSchema>;

const VARIABLES: Record<keyof ScaleOutSettings, string> = {
  databaseUrl: 'AIME_DATABASE_URL',
  worker: 'AIME_WORKER',
  retryInterrupted: 'AIME_RETRY_INTERRUPTED',
};

export function loadScaleOutSettings(env: NodeJS.ProcessEnv = process.env): ScaleOutSettings {
  const values = Object.fromEntries(
    Object.entries(VARIABLES).map(([field, name]) => [field, env[name]?.trim().toLowerCase() || undefined]),
  );
  // The URL keeps its case (passwords, database names).
  values.databaseUrl = env.AIME_DATABASE_URL?.trim() || undefined;
  const result = scaleOutSettingsSchema.safeParse(values);
  if (result.success) return result.data;
  throw environmentError(result.error, VARIABLES);
}
