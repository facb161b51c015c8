import type { AimeConfig } from '../config/load-config';
import { OfflineModel } from './offline/offline-model';
import type { FetchFunction } from './openai-compatible/checked-fetch';
import { OpenAICompatibleModel } from './openai-compatible/openai-compatible-model';
import type { LanguageModel } from './types';

export interface CreateModelOptions {
  /** Replaces global fetch for HTTP providers (tests, proxies). */
  fetch?: FetchFunction;
  /** First retry backoff step in ms (default 500). */
  retryBaseDelayMs?: number;
}

/** The configured model: `offline` (built in) or an OpenAI-compatible server (`vllm`, `openai`). */
export function createModel(config: AimeConfig, options: CreateModelOptions = {}): LanguageModel {
  const model = config.model;
  if (model.provider === 'offline') return new OfflineModel();
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
