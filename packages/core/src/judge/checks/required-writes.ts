import { pathMentions } from './path-mentions';

const WRITE_VERB = /\b(?:write|writes|save|saves|create|creates|generate|produce|store|draft|record)\b/gi;
const CLAUSE_END = /[.;\n]|\bthen\b|\band (?:read|list|search|summari[sz]e|find|count)\b/i;
/** "to notes/x.md", "into x", "as x", "named x": the destination of the write. */
const DESTINATION = /\b(?:to|into|in|as|at|named|called)\s+(?:the\s+)?(?:file\s+)?[`'"]?([^\s`'",;]+)/gi;

/**
 * Files a request asks to write: a path right after a write verb ("write CONTRIBUTING.md", "create
 * a short notes.md") or its destination ("… write a summary to notes/summary.md").
 */
export function requiredWrites(request: string): string[] {
  const targets = new Set<string>();
  for (const match of request.matchAll(WRITE_VERB)) {
    const rest = request.slice((match.index ?? 0) + match[0].length);
    const end = CLAUSE_END.exec(rest.replace(/\.(?=[A-Za-z0-9])/g, '_'));
    const clause = end ? rest.slice(0, end.index) : rest;
    const destinations = [...clause.matchAll(DESTINATION)].flatMap((found) => pathMentions(found[1] ?? ''));
    if (destinations.length > 0) {
      for (const path of destinations) targets.add(path);
      continue;
    }
    const object = clause.split(/\s+/).filter(Boolean).slice(0, 4).join(' ');
    for (const path of pathMentions(object)) targets.add(path);
  }
  return [...targets];
}
