import type { AIMEConfig } from '../config/load-config';
import { Judge } from '../judge/judge';
import { type CreateModelOptions, createModel } from '../llm/create-model';
import type { LanguageModel } from '../llm/types';

/**
 * The judge the config asks for: `judge.mode`, and the judge block's own model when it names one
 * (else the main model). With the offline model, mode `model` asks its rule-based judge skill.
 */
export function createJudge(config: AIMEConfig, mainModel: LanguageModel, options: CreateModelOptions = {}): Judge {
  const settings = config.judge;
  if (settings.mode === 'off') return new Judge({ mode: 'off' });
  const model = settings.ownModel
    ? createModel({ ...config, model: settings.model, apiKey: settings.apiKey }, options)
    : mainModel;
  // One judge answer may take the client's own retries; twice the request timeout bounds it.
  return new Judge({ mode: settings.mode, model, timeoutMs: settings.model.request_timeout * 2000 });
}
