import type { JudgeCheck } from '../../protocol/judge-verdict';
import { inspectWorkspacePath } from '../../tools/workspace/inspect-workspace-path';
import { type CheckInput, successfulReads, writtenPaths } from './check-input';
import { isUrl, pathMentions } from './path-mentions';
import { requiredWrites } from './required-writes';

/** Words that make a request about the workspace's contents. */
const WORKSPACE_WORDS =
  /\b(?:files?|folders?|director(?:y|ies)|repo(?:sitory)?|packages?|source|workspace|readme|codebase|layout|structure)\b/i;

/**
 * A task that read nothing cannot state facts about files: when no read succeeded (read_file,
 * list_dir, search_files, web_search …), the answer may not cite or mention workspace paths it did
 * not write itself or get from earlier results (paths that do not exist are proposals, not facts),
 * and a request about the workspace cannot have been answered from nothing.
 */
export async function readBeforeFactsCheck(input: CheckInput): Promise<JudgeCheck | undefined> {
  const reads = successfulReads(input).length;
  const written = writtenPaths(input);
  // A mentioned path that does not exist is a proposal ("add a tests/ folder"), not a fact about a file.
  const mentioned: string[] = [];
  for (const path of pathMentions(input.answer)) {
    if ((await inspectWorkspacePath(input.workspaceRoot, path)).kind !== 'missing') mentioned.push(path);
  }
  const cited = [...input.references.filter((reference) => !isUrl(reference)), ...mentioned].filter(
    (path) => !written.has(path) && !(input.priorResults ?? '').includes(path),
  );
  const asksAboutWorkspace =
    requiredWrites(input.request).length === 0 && !input.priorResults && WORKSPACE_WORDS.test(input.request);
  if (!asksAboutWorkspace && cited.length === 0) return undefined;
  if (reads > 0) {
    return { name: 'read-before-facts', passed: true, detail: `${reads} successful read(s) back the answer` };
  }
  const detail =
    cited.length > 0
      ? `the answer states facts about ${[...new Set(cited)].slice(0, 5).join(', ')} but the task read nothing (no successful read_file, list_dir or search_files call)`
      : 'the request is about the workspace but the task read nothing (no successful read_file, list_dir or search_files call)';
  return { name: 'read-before-facts', passed: false, detail };
}
