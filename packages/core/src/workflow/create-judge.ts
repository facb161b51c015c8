import type { AIMEConfig } from '../config/load-config';
import { Judge } from '../judge/judge';
import { type CreateModelOptions, createModel } from '../llm/create-model';
import type { LanguageModel } from '../llm/types';

/**
 * The judge the config asks for: `judge.mode`, and the judge block's own model when it names one
 * (else the main model). The offline model has no judgement of its own: with it, the checks decide.
 */
export function createJudge(config: AIMEConfig, mainModel: LanguageModel, options: CreateModelOptions = {}): Judge {
  const settings = config.judge;
  if (settings.mode === 'off') return new Judge({ mode: 'off' });
  const model = settings.ownModel
    ? createModel({ ...config, model: settings.model, apiKey: settings.apiKey }, options)
    : mainModel;
  const mode = settings.mode === 'model' && model.provider === 'offline' ? 'checks' : settings.mode;
  // One judge answer may take the client's own retries; twice the request timeout bounds it.
  return new Judge({ mode, model, timeoutMs: settings.model.request_timeout * 2000 });
}
