import { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { extraParamsSchema, type ModelConfig, providerSchema } from './model-config';

/**
 * `model`: deterministic checks, then a model judgement; `checks`: the checks alone; `off`: the
 * actor's claim is the score (the behaviour before the judge existed).
 */
export const judgeModeSchema = z.enum(['model', 'checks', 'off']);
export type JudgeMode = z.infer<typeof judgeModeSchema>;

/** The `judge:` block of model_config.yaml. Every model key defaults to the main model's. */
export const judgeBlockSchema = z
  .object({
    mode: judgeModeSchema.default('model'),
    model: z.string().min(1).optional(),
    provider: providerSchema.optional(),
    api_base: z.string().url().optional(),
    api_key: z.string().optional(),
    api_key_env: z.string().optional(),
    /** Seconds per judge request (default: the main model's request_timeout). */
    request_timeout: z.number().positive().optional(),
    extra_params: extraParamsSchema.optional(),
  })
  .strict();
export type JudgeBlock = z.infer<typeof judgeBlockSchema>;

export interface JudgeSettings {
  mode: JudgeMode;
  /** The judge's model configuration: the main model with the block's keys on top. */
  model: ModelConfig;
  apiKey: string | undefined;
  /** True when the block names a model of its own (the runtime then builds a second client). */
  ownModel: boolean;
}

const MODEL_KEYS = [
  'model',
  'provider',
  'api_base',
  'api_key',
  'api_key_env',
  'request_timeout',
  'extra_params',
] as const;

/**
 * The judge's settings from its block and the main model. The main API key is reused only while
 * the judge talks to the same server: a key is never sent to an `api_base` it was not given for.
 */
export function resolveJudgeSettings(
  file: string,
  block: JudgeBlock,
  main: { model: ModelConfig; apiKey: string | undefined },
  env: NodeJS.ProcessEnv,
): JudgeSettings {
  const ownModel = MODEL_KEYS.some((key) => block[key] !== undefined);
  const model: ModelConfig = {
    ...main.model,
    ...(block.model !== undefined ? { model: block.model } : {}),
    ...(block.provider !== undefined ? { provider: block.provider } : {}),
    ...(block.api_base !== undefined ? { api_base: block.api_base } : {}),
    ...(block.request_timeout !== undefined ? { request_timeout: block.request_timeout } : {}),
    ...(block.extra_params !== undefined ? { extra_params: block.extra_params } : {}),
  };
  if (model.provider !== 'offline' && !model.api_base) {
    throw new ConfigError(`${file}: judge.api_base: required when the judge's provider is ${model.provider}`, { file });
  }
  const ownKey = (block.api_key_env ? env[block.api_key_env] : undefined) ?? block.api_key;
  const sameServer = model.api_base === main.model.api_base;
  const apiKey = ownKey ?? (sameServer ? main.apiKey : undefined);
  return { mode: block.mode, model, apiKey, ownModel };
}
