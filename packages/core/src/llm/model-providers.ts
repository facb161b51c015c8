import type { AIMEConfig } from '../config/load-config';
import type { FetchFunction } from './openai-compatible/checked-fetch';
import type { LanguageModel } from './types';

export interface CreateModelOptions {
  /** Replaces global fetch for HTTP providers (tests, proxies). */
  fetch?: FetchFunction;
  /** First retry backoff step in ms (default 500). */
  retryBaseDelayMs?: number;
}

/** Builds the model of one `provider` of model_config.yaml. */
export type ModelProviderFactory = (config: AIMEConfig, options: CreateModelOptions) => LanguageModel;

const providers = new Map<string, ModelProviderFactory>();

/**
 * Makes `provider: <name>` usable by createModel (the way an `@ai-sdk/*` provider sits beside
 * `ai`): the apps register the offline model from `@gepa-aime/offline-model`, which core never
 * imports. Registering a name again replaces it. Returns a function that removes the registration.
 */
export function registerModelProvider(name: string, factory: ModelProviderFactory): () => void {
  providers.set(name, factory);
  return () => {
    if (providers.get(name) === factory) providers.delete(name);
  };
}

/** The registered factory of a provider name, if any. */
export function registeredModelProvider(name: string): ModelProviderFactory | undefined {
  return providers.get(name);
}
