import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entryPath, openInWorkspace, type WorkspaceEntry } from '../workspace/open-in-workspace';
import { compareNames, SKIPPED_DIRECTORIES } from './list-dir';

/** Longest stretch of synchronous work (matching names, reading results) before a walk yields. */
const SLICE_MS = 10;

/** One directory of a walk, open while the walker's consumer handles it. */
export interface WalkedDirectory {
  /** The directory, opened and verified to lie inside the workspace (closed when the walk moves on). */
  entry: WorkspaceEntry;
  /** Path relative to the directory walked, with `/` ('' for the start). */
  relative: string;
  /** Names of its regular files (not symlinks), in name order. */
  files: string[];
}

export interface DirectoryWalkOptions {
  signal: AbortSignal;
  /** Real path of the workspace root: nothing outside it is opened. */
  realRoot: string;
  /** Directory names never descended into (default node_modules and .git). Hidden entries are always skipped. */
  skipDirectories?: ReadonlySet<string>;
}

/**
 * Walks the directories below `directory` depth-first in name order, yielding each with its files:
 * no symlinks followed, no hidden entries, no skipped directories. Each directory is opened and
 * verified to be inside the workspace before it is read, so a directory swapped for a symlink is
 * skipped, never followed. The walker checks its signal and yields to the event loop every few
 * milliseconds; the caller's `pause` (from `slicer`) does the same for its own per-file work.
 */
export async function* walkWorkspaceDirectories(
  directory: string,
  options: DirectoryWalkOptions,
): AsyncGenerator<WalkedDirectory, void> {
  const skipped = options.skipDirectories ?? SKIPPED_DIRECTORIES;
  const pause = slicer(options.signal);
  const stack: Array<{ absolute: string; relative: string }> = [{ absolute: directory, relative: '' }];
  while (stack.length > 0) {
    await pause();
    const current = stack.pop() as { absolute: string; relative: string };
    const opened = await openInWorkspace(options.realRoot, current.absolute, {
      requestedPath: current.relative || '.',
      directory: true,
    }).catch(() => undefined);
    if (!opened) continue;
    try {
      const files: string[] = [];
      const entries = await readdir(entryPath(opened), { withFileTypes: true }).catch(() => []);
      entries.sort((left, right) => compareNames(right.name, left.name));
      for (const entry of entries) {
        if (entry.name.startsWith('.')) continue;
        const relative = current.relative ? `${current.relative}/${entry.name}` : entry.name;
        if (entry.isDirectory() && !skipped.has(entry.name)) {
          stack.push({ absolute: join(opened.realPath, entry.name), relative });
        } else if (entry.isFile()) files.push(entry.name);
      }
      files.reverse();
      yield { entry: opened, relative: current.relative, files };
    } finally {
      await opened.handle.close();
    }
  }
}

/** A function that throws once the signal is aborted and yields to the event loop every SLICE_MS. */
export function slicer(signal: AbortSignal): () => Promise<void> {
  let sliceStart = performance.now();
  return async () => {
    signal.throwIfAborted();
    if (performance.now() - sliceStart < SLICE_MS) return;
    await new Promise((resolve) => setImmediate(resolve));
    sliceStart = performance.now();
    signal.throwIfAborted();
  };
}
