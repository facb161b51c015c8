import type { AIMEConfig } from '../config/load-config';
import { ConfigError } from '../errors/config-error';
import { type CreateModelOptions, registeredModelProvider } from './model-providers';
import { OpenAICompatibleModel } from './openai-compatible/openai-compatible-model';
import type { LanguageModel } from './types';

export type { CreateModelOptions } from './model-providers';

/**
 * The configured model: an OpenAI-compatible server (`vllm`, `openai`, built in) or a provider an
 * app registered with registerModelProvider (`offline`: `@gepa-aime/offline-model`).
 */
export function createModel(config: AIMEConfig, options: CreateModelOptions = {}): LanguageModel {
  const model = config.model;
  const registered = registeredModelProvider(model.provider);
  if (registered) return registered(config, options);
  if (model.provider === 'offline') {
    throw new ConfigError(
      'model provider "offline" is not registered: call registerOfflineModel() from @gepa-aime/offline-model first (the aime CLI and server do)',
    );
  }
  return new OpenAICompatibleModel({
    provider: model.provider,
    model: model.model,
    apiBase: model.api_base ?? 'http://127.0.0.1:8000/v1',
    apiKey: config.apiKey,
    requestTimeoutMs: model.request_timeout * 1000,
    maxRetries: model.max_retries,
    extraParams: model.extra_params,
    fetch: options.fetch,
    retryBaseDelayMs: options.retryBaseDelayMs,
  });
}
