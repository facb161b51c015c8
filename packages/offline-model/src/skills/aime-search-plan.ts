import type { ActorConversation, ObservedCall } from './aime-actor-conversation';
import { directoryIn } from './aime-path-resolution';
import { findCall, type TaskPlan } from './aime-task-plan';
import { DEFINITION_WORDS, isIdentifier, searchTerms } from './aime-task-terms';

/**
 * Search tasks of the offline actor: search_files for the task's terms (quoted strings, identifiers
 * or content words, then their stems) within the folder or file the task names; for "where is X
 * defined" the hit that declares X (in source rather than build output) is found and a few lines
 * around it are read.
 */
export function planSearch(
  conversation: ActorConversation,
  plan: TaskPlan,
  options: { definition?: boolean } = {},
): TaskPlan {
  const title = conversation.title;
  const wantsDefinition = options.definition === true || DEFINITION_WORDS.test(title);
  const scope = searchScope(title);
  const terms = withStems(searchTerms(withoutScope(title))).slice(0, 3);
  for (const term of terms) {
    const args: Record<string, unknown> = { query: term };
    if (scope?.kind === 'glob') args.glob = scope.value;
    if (scope?.kind === 'path' && !failedScope(conversation, scope.value)) args.path = scope.value;
    if (term.length <= 2 || wantsDefinition) args.maxResults = 200;
    plan.calls.push({ name: 'search_files', arguments: args });
    const done = findCall(conversation, 'search_files', args);
    if (!done) return plan;
    if (done.ok && !/^No matches/.test(done.output)) break;
  }
  const definition = wantsDefinition ? definitionHit(conversation.calls, terms) : undefined;
  if (definition) {
    const offset = Math.max(1, definition.line - 3);
    plan.calls.push({ name: 'read_file', arguments: { path: definition.path, offset, limit: 12 } });
  }
  return plan;
}

/** Each plain word followed by its stem ("installation" → "install"), so a second search can find related wording. */
function withStems(terms: string[]): string[] {
  return [
    ...new Set(
      terms.flatMap((term) => {
        if (!/^[a-z]+$/.test(term)) return [term];
        const stem = term.replace(/(ations?|ing|ions?|ed|es|s)$/, '');
        return stem.length >= 4 && stem !== term ? [term, stem] : [term];
      }),
    ),
  ];
}

/** The first search hit whose line declares `term` (function/const/class/def … term, or term = …). */
export function definitionHit(
  calls: ObservedCall[],
  terms: string[],
): { term: string; path: string; line: number; text: string } | undefined {
  for (const call of calls) {
    if (call.name !== 'search_files' || !call.ok) continue;
    const term = String(call.args.query ?? '');
    if (!terms.includes(term) || !isIdentifier(term)) continue;
    const escaped = term.replace(/[$]/g, '\\$');
    const declares = new RegExp(
      `(?:\\b(?:function\\*?|const|let|var|class|interface|type|enum|def|func|fn|struct)\\s+${escaped}\\b)|(?:^|\\s)${escaped}\\s*(?::[^=]+)?=[^=>]|^\\s*${escaped}\\s*\\([^)]*\\)\\s*[:{]`,
    );
    const hits = call.output
      .split('\n')
      .map((line) => /^(.+?):(\d+): (.*)$/.exec(line))
      .filter((match): match is RegExpExecArray => match !== null && declares.test(match[3] ?? ''))
      .map((match) => ({ term, path: match[1] ?? '', line: Number(match[2]), text: match[3] ?? '' }));
    const source = hits.find((hit) => !GENERATED.test(hit.path)) ?? hits[0];
    if (source) return source;
  }
  return undefined;
}

/** Build output and vendored code: a declaration there is a copy, the source one is preferred. */
const GENERATED = /(?:^|\/)(?:dist|build|out|coverage|vendor|target|\.next)\/|\.min\.js$/;

function searchScope(title: string): { kind: 'path' | 'glob'; value: string } | undefined {
  const file = /\b(?:in|inside|within)\s+[`"']?((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8})\b/i.exec(
    title,
  )?.[1];
  if (file) return { kind: 'glob', value: file.replace(/^\.\//, '') };
  const directory = directoryIn(title.replace(/(["'`])[^"'`\n]{1,80}\1/g, ' '), { of: false });
  return directory ? { kind: 'path', value: directory } : undefined;
}

/** The title without its "in <scope>" phrase, so the scope is not searched for. */
export function withoutScope(title: string): string {
  const scope = searchScope(title);
  if (!scope) return title;
  return title.replace(
    new RegExp(
      `\\b(?:in|inside|within|under|of)\\s+(?:the\\s+)?[\`"']?${escapeRegex(scope.value)}\\b[\`"']?(?:\\s+(?:folder|directory|dir))?`,
      'i',
    ),
    ' ',
  );
}

function failedScope(conversation: ActorConversation, path: string): boolean {
  return conversation.calls.some((call) => call.name === 'search_files' && call.args.path === path && !call.ok);
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
