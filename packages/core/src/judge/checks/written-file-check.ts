import type { JudgeCheck } from '../../protocol/judge-verdict';
import { inspectWorkspacePath } from '../../tools/workspace/inspect-workspace-path';
import { type CheckInput, writtenPaths } from './check-input';
import { requiredWrites } from './required-writes';

/**
 * A file the request says to write exists, is not empty and was written by this task's write_file
 * calls. Not applicable when the request names no file to write.
 */
export async function writtenFileCheck(input: CheckInput): Promise<JudgeCheck | undefined> {
  const required = requiredWrites(input.request);
  if (required.length === 0) return undefined;
  const written = writtenPaths(input);
  const problems: string[] = [];
  for (const path of required) {
    const info = await inspectWorkspacePath(input.workspaceRoot, path);
    if (info.kind !== 'file') problems.push(`${path} does not exist`);
    else if (info.size === 0) problems.push(`${path} is empty`);
    else if (!written.has(path)) problems.push(`${path} was not written in this task (no successful write_file call)`);
  }
  return {
    name: 'file-written',
    passed: problems.length === 0,
    detail: problems.length === 0 ? `wrote ${required.join(', ')}` : problems.join('; '),
  };
}
