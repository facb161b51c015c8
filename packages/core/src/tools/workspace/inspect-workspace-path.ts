import { stat } from 'node:fs/promises';
import { resolveInWorkspace } from './resolve-in-workspace';

export type WorkspacePathInfo =
  | { kind: 'file'; size: number }
  | { kind: 'directory' }
  | { kind: 'missing' }
  /** Outside the workspace, through a link leading out, or a malformed path: never looked at. */
  | { kind: 'refused'; reason: string };

/** What is at a workspace path, read through the same sandbox the file tools use. */
export async function inspectWorkspacePath(workspaceRoot: string, requestedPath: string): Promise<WorkspacePathInfo> {
  let absolute: string;
  try {
    absolute = await resolveInWorkspace(workspaceRoot, requestedPath, { mustExist: true });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'path_not_found') return { kind: 'missing' };
    return { kind: 'refused', reason: error instanceof Error ? error.message : String(error) };
  }
  const info = await stat(absolute).catch(() => undefined);
  if (!info) return { kind: 'missing' };
  return info.isDirectory() ? { kind: 'directory' } : { kind: 'file', size: info.size };
}
