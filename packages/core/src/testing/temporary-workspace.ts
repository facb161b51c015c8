import { mkdir, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaskStatus } from '../protocol/task-status';
import type { ToolContext } from '../tools/types';

export interface TemporaryWorkspace {
  /** Real path of the workspace root. */
  root: string;
  /** A directory next to the workspace holding `secret.txt`; nothing may ever change in it. */
  outside: string;
  /** A sibling whose name starts with the workspace's name (`…/workspace-sibling`), for prefix attacks. */
  sibling: string;
  progress: Array<{ status: TaskStatus; message: string }>;
  context(signal?: AbortSignal): ToolContext;
  /** Every file below `outside` and `sibling` with its content, to prove nothing was written there. */
  snapshotOutside(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

/** A fresh workspace under the OS temp dir, with an outside directory and a prefix-sharing sibling. */
export async function createTemporaryWorkspace(): Promise<TemporaryWorkspace> {
  const base = await realpath(await mkdtemp(join(tmpdir(), 'aime-tools-')));
  const root = join(base, 'workspace');
  const outside = join(base, 'outside');
  const sibling = join(base, 'workspace-sibling');
  await mkdir(root);
  await mkdir(outside);
  await mkdir(sibling);
  await writeFile(join(outside, 'secret.txt'), 'top secret\n');
  await writeFile(join(sibling, 'secret.txt'), 'sibling secret\n');
  const progress: Array<{ status: TaskStatus; message: string }> = [];
  return {
    root,
    outside,
    sibling,
    progress,
    context: (signal = new AbortController().signal) => ({
      workspaceRoot: root,
      signal,
      taskId: '1',
      reportProgress: (status, message) => progress.push({ status, message }),
    }),
    snapshotOutside: async () => ({ ...(await snapshot(outside, 'outside')), ...(await snapshot(sibling, 'sibling')) }),
    cleanup: () => rm(base, { recursive: true, force: true }),
  };
}

async function snapshot(directory: string, label: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(directory, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    const key = `${label}${full.slice(directory.length)}`;
    files[key] = entry.isFile() ? await readFile(full, 'utf8') : entry.isSymbolicLink() ? 'symlink' : 'directory';
  }
  return files;
}
