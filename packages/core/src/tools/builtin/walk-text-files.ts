import { lstat, open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { looksBinary } from './is-binary';
import { compareNames, SKIPPED_DIRECTORIES } from './list-dir';

export const SEARCH_MAX_FILES = 5000;
export const SEARCH_MAX_FILE_BYTES = 1024 * 1024;

export interface TextFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the directory walked, with `/`. */
  relativePath: string;
  text: string;
}

/**
 * Yields the text files below `directory` depth-first in name order: no symlinks, no hidden entries,
 * no node_modules/.git, nothing over 1 MiB, nothing binary, at most `maxFiles` files examined.
 */
export async function* walkTextFiles(
  directory: string,
  options: { signal: AbortSignal; maxFiles?: number; accept?: (relativePath: string) => boolean },
): AsyncGenerator<TextFile, { filesExamined: number; limitHit: boolean }> {
  const maxFiles = options.maxFiles ?? SEARCH_MAX_FILES;
  let filesExamined = 0;
  const stack: Array<{ absolute: string; relative: string }> = [{ absolute: directory, relative: '' }];
  while (stack.length > 0) {
    options.signal.throwIfAborted();
    const current = stack.pop() as { absolute: string; relative: string };
    const entries = await readdir(current.absolute, { withFileTypes: true }).catch(() => []);
    entries.sort((left, right) => compareNames(right.name, left.name));
    const files: Array<{ absolute: string; relative: string }> = [];
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const absolute = join(current.absolute, entry.name);
      const relative = current.relative ? `${current.relative}/${entry.name}` : entry.name;
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) stack.push({ absolute, relative });
      else if (entry.isFile()) files.push({ absolute, relative });
    }
    files.reverse();
    for (const file of files) {
      if (options.accept && !options.accept(file.relative)) continue;
      if (filesExamined >= maxFiles) return { filesExamined, limitHit: true };
      filesExamined += 1;
      const text = await readSmallText(file.absolute);
      if (text !== undefined) yield { path: file.absolute, relativePath: file.relative, text };
    }
  }
  return { filesExamined, limitHit: false };
}

async function readSmallText(path: string): Promise<string | undefined> {
  const info = await lstat(path).catch(() => undefined);
  if (!info?.isFile() || info.size > SEARCH_MAX_FILE_BYTES) return undefined;
  const handle = await open(path, 'r').catch(() => undefined);
  if (!handle) return undefined;
  try {
    const buffer = await handle.readFile();
    return looksBinary(buffer) ? undefined : buffer.toString('utf8');
  } finally {
    await handle.close();
  }
}
