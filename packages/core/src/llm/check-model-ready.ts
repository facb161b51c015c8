import type { AIMEConfig } from '../config/load-config';
import { chatBaseUrl, endpointKind, serverRoot } from './openai-compatible/endpoints';

export interface ModelReadiness {
  ready: boolean;
  detail: string;
}

const PROBE_TIMEOUT_MS = 5000;

interface ProbeResult {
  /** HTTP status, or why there was none (connection refused, timeout …). */
  status: number | string;
  /** Parsed JSON body of a 200 answer, when it was JSON. */
  body?: unknown;
}

/**
 * Is the configured model reachable and served? Offline: always. vLLM/OpenAI: `GET <root>/health`
 * (vLLM) and `GET <api_base>/models`, whose `data[].id` must include the configured model (else
 * every request would get 404). The legacy `/generate` server has no model list: `/health` decides.
 */
export async function checkModelReady(config: AIMEConfig, signal?: AbortSignal): Promise<ModelReadiness> {
  const model = config.model;
  if (model.provider === 'offline') return { ready: true, detail: 'offline model (built in, deterministic)' };
  if (!model.api_base) return { ready: false, detail: 'no api_base configured' };
  const headers: Record<string, string> = config.apiKey ? { authorization: `Bearer ${config.apiKey}` } : {};
  const endpoint = model.extra_params.endpoint;
  const health = `${serverRoot(model.api_base)}/health`;
  if (endpointKind(endpoint) === 'generate') {
    const healthProbe = await probe(health, headers, signal);
    return { ready: healthProbe.status === 200, detail: `${health}: ${describe(healthProbe.status)}` };
  }
  const models = `${chatBaseUrl(model.api_base, endpoint)}/models`;
  const [healthProbe, modelsProbe] = await Promise.all([
    probe(health, headers, signal),
    probe(models, headers, signal),
  ]);
  const served = servedIds(modelsProbe.body);
  if (served) {
    if (served.includes(model.model)) return { ready: true, detail: `${models} lists ${model.model}` };
    return {
      ready: false,
      detail:
        `${models} does not list the configured model "${model.model}" (served: ${served.join(', ') || 'none'}); ` +
        'set model in model_config.yaml (or AIME_MODEL) to a served id, or start the server with --served-model-name',
    };
  }
  if (healthProbe.status === 200) {
    return {
      ready: true,
      detail: `${health} answered 200 (${models}: ${describe(modelsProbe.status)}, so the model id was not checked)`,
    };
  }
  return {
    ready: false,
    detail: `${health}: ${describe(healthProbe.status)}; ${models}: ${describe(modelsProbe.status)}`,
  };
}

/** `data[].id` of an OpenAI model list, or undefined when the body is not one. */
function servedIds(body: unknown): string[] | undefined {
  const data = body && typeof body === 'object' ? (body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) return undefined;
  return data.flatMap((entry) =>
    entry && typeof entry === 'object' && typeof (entry as { id?: unknown }).id === 'string'
      ? [(entry as { id: string }).id]
      : [],
  );
}

async function probe(
  url: string,
  headers: Record<string, string>,
  signal: AbortSignal | undefined,
): Promise<ProbeResult> {
  const timeout = AbortSignal.timeout(PROBE_TIMEOUT_MS);
  try {
    const response = await fetch(url, {
      headers,
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      return { status: response.status };
    }
    const text = await response.text();
    try {
      return { status: 200, body: JSON.parse(text) };
    } catch {
      return { status: 200 };
    }
  } catch (error) {
    return {
      status:
        error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error),
    };
  }
}

function describe(status: number | string): string {
  return typeof status === 'number' ? `HTTP ${status}` : status;
}
