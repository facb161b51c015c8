import type { JudgeCheck } from '../../protocol/judge-verdict';
import { inspectWorkspacePath } from '../../tools/workspace/inspect-workspace-path';
import { allCalls, type CheckInput } from './check-input';
import { isUrl, normalizePath } from './path-mentions';

/**
 * Every cited reference exists: a workspace path that is there now, or a URL that a tool call of
 * this task fetched or returned. Not applicable when nothing is cited.
 */
export async function referencesExistCheck(input: CheckInput): Promise<JudgeCheck | undefined> {
  if (input.references.length === 0) return undefined;
  const seenText = allCalls(input)
    .map((call) => `${JSON.stringify(call.args ?? '')}\n${call.output}`)
    .join('\n');
  const missing: string[] = [];
  for (const reference of input.references) {
    if (isUrl(reference)) {
      if (!seenText.includes(reference)) missing.push(`${reference} (not fetched in this task)`);
      continue;
    }
    const info = await inspectWorkspacePath(input.workspaceRoot, normalizePath(reference));
    if (info.kind === 'missing') missing.push(`${reference} (not in the workspace)`);
    else if (info.kind === 'refused') missing.push(`${reference} (not a workspace path)`);
  }
  return {
    name: 'references-exist',
    passed: missing.length === 0,
    detail:
      missing.length === 0
        ? `all ${input.references.length} cited reference(s) exist`
        : `cited references that do not exist: ${missing.join(', ')}`,
  };
}
