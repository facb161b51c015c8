import { InvalidResponseError } from '../errors/index';
import { errorFromResponse } from './map-error';

export type FetchFunction = typeof fetch;

/**
 * Wraps `fetch` so that every HTTP error response becomes a typed ModelError built from the raw
 * body (both vLLM error shapes). Used for the SDK (which would keep only the nested shape) and for
 * the completions and generate endpoints. A 200 whose body is not JSON is left to the reader: the
 * SDK's SyntaxError and `postJson` both become InvalidResponseError.
 */
export function createCheckedFetch(baseFetch: FetchFunction = fetch): FetchFunction {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.ok) return response;
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const text = await response.text().catch(() => '');
    throw errorFromResponse(response.status, text, response.headers, url);
  };
}

/** POSTs JSON and returns the parsed JSON answer (errors typed by the checked fetch). */
export async function postJson(
  fetchFunction: FetchFunction,
  url: string,
  body: unknown,
  headers: Record<string, string>,
  signal: AbortSignal,
): Promise<unknown> {
  const response = await fetchFunction(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
    signal,
  });
  const text = await response.text();
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidResponseError(`The model server did not answer JSON from ${url}: ${text.slice(0, 120)}`, {
      cause: error,
    });
  }
}
