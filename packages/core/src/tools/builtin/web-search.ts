import { z } from 'zod';
import type { Tool } from '../types';
import { createOfflineSearchBackend } from '../web-search/offline-search-backend';
import type { WebSearchBackend } from '../web-search/web-search-backend';

export const webSearchParameters = z.object({
  query: z.string().min(1).max(500).describe('What to search for'),
  maxResults: z.number().int().min(1).max(10).optional().describe('Number of results (default 5)'),
});
export type WebSearchArguments = z.infer<typeof webSearchParameters>;

/** `web_search` over a pluggable backend; with the offline backend it searches the workspace and says so. */
export function createWebSearchTool(
  backend: WebSearchBackend = createOfflineSearchBackend(),
): Tool<WebSearchArguments> {
  return {
    name: 'web_search',
    description: backend.offline
      ? 'Search for information. OFFLINE: there is no internet access; this searches the workspace files instead.'
      : 'Search the web. Returns titles, URLs and snippets.',
    parameters: webSearchParameters,
    async execute(args, context) {
      const results = await backend.search(args.query, {
        maxResults: args.maxResults ?? 5,
        signal: context.signal,
        workspaceRoot: context.workspaceRoot,
      });
      const header = backend.offline
        ? `Offline search (no internet access): these are workspace files matching "${args.query}", not web pages.`
        : `Web results from ${backend.name} for "${args.query}":`;
      if (results.length === 0) return { output: `${header}\nNo results.` };
      const lines = results.map((result, index) =>
        [
          `${index + 1}. ${result.title}`,
          ...(result.title === result.url ? [] : [`   ${result.url}`]),
          ...(result.content ? [`   ${result.content}`] : []),
        ].join('\n'),
      );
      return { output: [header, ...lines].join('\n'), references: results.map((result) => result.url) };
    },
  };
}
