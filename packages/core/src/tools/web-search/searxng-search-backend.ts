import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { WebSearchBackend } from './web-search-backend';

const responseSchema = z.object({
  results: z.array(
    z.object({
      title: z.string().optional(),
      url: z.string(),
      content: z.string().optional(),
    }),
  ),
});

export interface SearxngBackendOptions {
  /** Base URL of the instance, e.g. http://127.0.0.1:8888 (the JSON format must be enabled). */
  url: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/** `GET <url>/search?q=…&format=json` → `results[{title, url, content}]` (SearXNG and compatible APIs). */
export function createSearxngSearchBackend(options: SearxngBackendOptions): WebSearchBackend {
  const fetchFunction = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const base = options.url.replace(/\/+$/, '');
  return {
    name: `searxng ${new URL(base).host}`,
    offline: false,
    async search(query, request) {
      const url = `${base}/search?${new URLSearchParams({ q: query, format: 'json' }).toString()}`;
      const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
      let response: Response;
      try {
        response = await fetchFunction(url, { headers: { accept: 'application/json' }, signal });
      } catch (error) {
        request.signal.throwIfAborted();
        const reason =
          (error as Error).name === 'TimeoutError' ? `timed out after ${timeoutMs} ms` : (error as Error).message;
        throw new ToolError('search_backend_error', `The search service at ${base} is unreachable: ${reason}`, {
          cause: error,
        });
      }
      if (!response.ok) {
        throw new ToolError('search_backend_error', `The search service at ${base} answered HTTP ${response.status}`);
      }
      const body: unknown = await response.json().catch(() => undefined);
      const parsed = responseSchema.safeParse(body);
      if (!parsed.success) {
        throw new ToolError(
          'search_backend_error',
          `The search service at ${base} sent a response without a results list`,
        );
      }
      return parsed.data.results.slice(0, request.maxResults).map((result) => ({
        title: result.title?.trim() || result.url,
        url: result.url,
        content: result.content?.trim() ?? '',
      }));
    },
  };
}
