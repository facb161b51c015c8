export type EndpointKind = 'chat' | 'completions' | 'generate';

/** The server root: `api_base` without a trailing slash or version segment (`/v1`). */
export function serverRoot(apiBase: string): string {
  return apiBase.replace(/\/+$/, '').replace(/\/v\d+$/, '');
}

/**
 * Which protocol `extra_params.endpoint` selects: anything ending in `/chat/completions` (and no
 * endpoint) is chat completions, `/completions` is the text completions API, any other path is a
 * legacy vLLM-style generate endpoint (`{prompt, ...params}` → `{text: [...]}`).
 */
export function endpointKind(endpoint: string | undefined): EndpointKind {
  if (!endpoint || /\/chat\/completions\/?$/.test(endpoint)) return 'chat';
  if (/\/completions\/?$/.test(endpoint)) return 'completions';
  return 'generate';
}

/**
 * Base URL for the SDK's chat completions. A configured chat endpoint is a path on the server
 * root; otherwise `api_base` itself, with `/v1` added when it has no version segment (so the
 * seed's `https://gateway.example.com` works as well as `http://host:8000/v1`).
 */
export function chatBaseUrl(apiBase: string, endpoint: string | undefined): string {
  if (endpoint && endpointKind(endpoint) === 'chat') {
    return serverRoot(apiBase) + endpoint.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
  }
  const trimmed = apiBase.replace(/\/+$/, '');
  return /\/v\d+$/.test(trimmed) ? trimmed : `${trimmed}/v1`;
}

/** Absolute URL of an endpoint path (paths are relative to the server root). */
export function endpointUrl(apiBase: string, endpoint: string): string {
  return serverRoot(apiBase) + (endpoint.startsWith('/') ? endpoint : `/${endpoint}`);
}
