import { readFile } from 'node:fs/promises';
import { createPatch } from 'diff';
import { resolveInWorkspace } from '../workspace/resolve-in-workspace';

const MAX_DIFF_CHARS = 64 * 1024;
const MAX_COMPARED_BYTES = 1024 * 1024;

/**
 * For a write_file call over an existing text file: the unified diff the call would apply (cut at
 * 64 KiB). Undefined for a new file, an unreadable path or arguments that are not a write.
 */
export async function writeFileDiff(workspaceRoot: string, args: unknown): Promise<string | undefined> {
  const { path, content, append } = (args ?? {}) as { path?: unknown; content?: unknown; append?: unknown };
  if (typeof path !== 'string' || typeof content !== 'string') return undefined;
  try {
    const absolute = await resolveInWorkspace(workspaceRoot, path, { mustExist: true });
    const before = await readFile(absolute, 'utf8');
    if (before.length > MAX_COMPARED_BYTES) return undefined;
    const after = append === true ? before + content : content;
    const patch = createPatch(path, before, after, 'current', 'proposed');
    return patch.length > MAX_DIFF_CHARS ? `${patch.slice(0, MAX_DIFF_CHARS)}\n[diff cut at 64 KiB]` : patch;
  } catch {
    return undefined;
  }
}
