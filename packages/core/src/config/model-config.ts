import { z } from 'zod';

export const providerSchema = z.enum(['offline', 'vllm', 'openai']);
export type Provider = z.infer<typeof providerSchema>;

/** Keys with a meaning of their own; every other top-level key flows into `extra_params`. */
export const KNOWN_MODEL_KEYS = [
  'model',
  'provider',
  'api_base',
  'api_key',
  'api_key_env',
  'request_timeout',
  'max_retries',
  'tool_protocol',
  'context_window',
  'extra_params',
  'judge',
] as const;

export const extraParamsSchema = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    top_p: z.number().min(0).max(1).optional(),
    max_tokens: z.number().int().positive().optional(),
    /** `/v1/chat/completions` (default), `/v1/completions`, or a legacy `/generate`-style path. */
    endpoint: z.string().startsWith('/').optional(),
  })
  .catchall(z.unknown());

export const modelConfigSchema = z.object({
  model: z.string().min(1).default('offline'),
  provider: providerSchema.default('offline'),
  api_base: z.string().url().optional(),
  /** Prefer `api_key_env` (the name of an environment variable) over a key in the file. */
  api_key: z.string().optional(),
  api_key_env: z.string().optional(),
  /** Seconds per HTTP request. */
  request_timeout: z.number().positive().default(60),
  max_retries: z.number().int().min(0).max(10).default(3),
  /** `native` tool calls, or `react-text` (Thought / Action / Action Input) for models without them. */
  tool_protocol: z.enum(['native', 'react-text']).default('native'),
  /** Tokens the served model accepts (prompt + completion), e.g. vLLM's `--max-model-len`; actors keep their history within it. */
  context_window: z.number().int().positive().optional(),
  extra_params: extraParamsSchema.default({}),
});
export type ModelConfig = z.infer<typeof modelConfigSchema>;
export type ExtraParams = z.infer<typeof extraParamsSchema>;

/** Moves unknown top-level keys into `extra_params` (explicit `extra_params` entries win). */
export function foldUnknownKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const known = new Set<string>(KNOWN_MODEL_KEYS);
  const folded: Record<string, unknown> = {};
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (known.has(key)) folded[key] = value;
    else extra[key] = value;
  }
  const explicit = raw.extra_params;
  if (Object.keys(extra).length > 0 || explicit !== undefined) {
    folded.extra_params =
      explicit && typeof explicit === 'object' && !Array.isArray(explicit)
        ? { ...extra, ...explicit }
        : (explicit ?? extra);
  }
  return folded;
}
