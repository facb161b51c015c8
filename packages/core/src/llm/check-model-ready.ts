import type { AimeConfig } from '../config/load-config';
import { chatBaseUrl, serverRoot } from './openai-compatible/endpoints';

export interface ModelReadiness {
  ready: boolean;
  detail: string;
}

const PROBE_TIMEOUT_MS = 5000;

/**
 * Is the configured model reachable? Offline: always. vLLM/OpenAI: `GET <root>/health` (vLLM),
 * falling back to `GET <api_base>/models` (any OpenAI-compatible server).
 */
export async function checkModelReady(config: AimeConfig, signal?: AbortSignal): Promise<ModelReadiness> {
  const model = config.model;
  if (model.provider === 'offline') return { ready: true, detail: 'offline model (built in, deterministic)' };
  if (!model.api_base) return { ready: false, detail: 'no api_base configured' };
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const health = `${serverRoot(model.api_base)}/health`;
  const healthStatus = await probe(health, headers, signal);
  if (healthStatus === 200) return { ready: true, detail: `${health} answered 200` };
  const models = `${chatBaseUrl(model.api_base, model.extra_params.endpoint)}/models`;
  const modelsStatus = await probe(models, headers, signal);
  if (modelsStatus === 200) return { ready: true, detail: `${models} answered 200` };
  return { ready: false, detail: `${health}: ${describe(healthStatus)}; ${models}: ${describe(modelsStatus)}` };
}

async function probe(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<number | string> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    await response.body?.cancel();
    return response.status;
  } catch (error) {
    return error instanceof Error
      ? error.cause instanceof Error
        ? error.cause.message
        : error.message
      : String(error);
  }
}

function describe(status: number | string): string {
  return typeof status === 'number' ? `HTTP ${status}` : status;
}
