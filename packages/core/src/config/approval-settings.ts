import { z } from 'zod';
import { environmentError } from './environment-error';

/**
 * Human approval of tool calls: `off` never asks; `risky` asks for tools whose policy is
 * `always`, and by default for `write_file` and MCP tools annotated destructive or open-world;
 * `all` asks for every call except `update_progress` and tools whose policy is `never`.
 */
export const approvalModeSchema = z.enum(['off', 'risky', 'all']);
export type ApprovalMode = z.infer<typeof approvalModeSchema>;

export const approvalSettingsSchema = z.object({
  mode: approvalModeSchema.default('off'),
  /** An open request is denied after this many seconds (default 15 minutes). */
  timeoutSeconds: z.coerce.number().int().min(1).max(86_400).default(900),
});
export type ApprovalSettings = z.infer<typeof approvalSettingsSchema>;

/** `AIME_APPROVAL` (off | risky | all, default off) and `AIME_APPROVAL_TIMEOUT` (seconds, default 900). */
export function loadApprovalSettings(env: NodeJS.ProcessEnv = process.env): ApprovalSettings {
  const result = approvalSettingsSchema.safeParse({
    mode: env.AIME_APPROVAL || undefined,
    timeoutSeconds: env.AIME_APPROVAL_TIMEOUT || undefined,
  });
  if (result.success) return result.data;
  throw environmentError(result.error, { mode: 'AIME_APPROVAL', timeoutSeconds: 'AIME_APPROVAL_TIMEOUT' });
}
