import { realpath } from 'node:fs/promises';
import { walkTextFiles } from '../builtin/walk-text-files';
import type { WebSearchBackend, WebSearchResult } from './web-search-backend';

const SNIPPET_CHARS = 240;

/**
 * The default, offline backend: ranks workspace text files by how many of the query's words they
 * contain (title and path hits count double) and returns the best lines as snippets.
 */
export function createOfflineSearchBackend(): WebSearchBackend {
  return {
    name: 'offline',
    offline: true,
    async search(query, request) {
      const terms = queryTerms(query);
      if (terms.length === 0) return [];
      const root = await realpath(request.workspaceRoot);
      const scored: Array<WebSearchResult & { score: number }> = [];
      for await (const file of walkTextFiles(root, { signal: request.signal, realRoot: root, maxFiles: 2000 })) {
        const lower = file.text.toLowerCase();
        const path = file.relativePath.toLowerCase();
        let score = 0;
        for (const term of terms) {
          if (lower.includes(term)) score += 1 + Math.min(countOccurrences(lower, term), 20) / 20;
          if (path.includes(term)) score += 2;
        }
        if (score === 0) continue;
        scored.push({
          title: titleOf(file.relativePath, file.text),
          url: file.relativePath,
          content: snippet(file.text, terms),
          score,
        });
      }
      scored.sort((left, right) => right.score - left.score || left.url.localeCompare(right.url));
      return scored.slice(0, request.maxResults).map(({ title, url, content }) => ({ title, url, content }));
    },
  };
}

const STOP_WORDS = new Set([
  'the',
  'and',
  'for',
  'with',
  'what',
  'how',
  'does',
  'are',
  'from',
  'this',
  'that',
  'about',
]);

function queryTerms(query: string): string[] {
  const words = query.toLowerCase().match(/[\p{L}\p{N}_.-]+/gu) ?? [];
  return [...new Set(words.filter((word) => word.length >= 2 && !STOP_WORDS.has(word)))];
}

function countOccurrences(text: string, term: string): number {
  let count = 0;
  let index = text.indexOf(term);
  while (index >= 0) {
    count += 1;
    index = text.indexOf(term, index + term.length);
  }
  return count;
}

function titleOf(relativePath: string, text: string): string {
  const heading = /^#{1,3}\s+(.+)$/m.exec(text);
  return heading?.[1] ? `${relativePath} — ${heading[1].trim()}` : relativePath;
}

function snippet(text: string, terms: string[]): string {
  const lines = text.split('\n');
  let best = '';
  let bestScore = 0;
  for (const line of lines) {
    const lower = line.toLowerCase();
    const score = terms.filter((term) => lower.includes(term)).length;
    if (score > bestScore) {
      best = line.trim();
      bestScore = score;
    }
  }
  return best.length <= SNIPPET_CHARS ? best : `${best.slice(0, SNIPPET_CHARS - 1)}…`;
}
