import { openEntryOf, type WorkspaceEntry } from '../workspace/open-in-workspace';
import { looksBinary } from './is-binary';
import { slicer, walkWorkspaceDirectories } from './walk-workspace-directories';

export const SEARCH_MAX_FILES = 5000;
export const SEARCH_MAX_FILE_BYTES = 1024 * 1024;

export interface TextFile {
  /** Real path when it was opened. */
  path: string;
  /** Path relative to the directory walked, with `/`. */
  relativePath: string;
  text: string;
}

export interface WalkSummary {
  filesExamined: number;
  limitHit: boolean;
  /** Files left out because they have more than one hard link (relative paths). */
  hardLinked: string[];
}

export interface WalkOptions {
  signal: AbortSignal;
  /** Real path of the workspace root: nothing outside it is read. */
  realRoot: string;
  maxFiles?: number;
  accept?: (relativePath: string) => boolean;
}

/**
 * Yields the text files below `directory` depth-first in name order: no symlinks, no hidden entries,
 * no node_modules/.git, nothing over 1 MiB, nothing binary, no hard-linked files, at most `maxFiles`
 * files examined. Each directory is opened and verified to be inside the workspace before it is
 * read, and its files are opened through its descriptor, non-blocking and without following links,
 * so a swapped symlink or FIFO is skipped, never followed or waited on. The walk checks its signal
 * per file and yields to the event loop every few milliseconds of work.
 */
export async function* walkTextFiles(directory: string, options: WalkOptions): AsyncGenerator<TextFile, WalkSummary> {
  const maxFiles = options.maxFiles ?? SEARCH_MAX_FILES;
  const summary: WalkSummary = { filesExamined: 0, limitHit: false, hardLinked: [] };
  const pause = slicer(options.signal);
  const walk = walkWorkspaceDirectories(directory, { signal: options.signal, realRoot: options.realRoot });
  for await (const current of walk) {
    for (const name of current.files) {
      await pause();
      const relative = current.relative ? `${current.relative}/${name}` : name;
      if (options.accept && !options.accept(relative)) continue;
      if (summary.filesExamined >= maxFiles) {
        summary.limitHit = true;
        return summary;
      }
      summary.filesExamined += 1;
      const file = await readSmallText(options.realRoot, current.entry, name, relative);
      if (file === 'hard-linked') summary.hardLinked.push(relative);
      else if (file !== undefined) yield file;
    }
  }
  return summary;
}

async function readSmallText(
  realRoot: string,
  directory: WorkspaceEntry,
  name: string,
  relativePath: string,
): Promise<TextFile | 'hard-linked' | undefined> {
  const file = await openEntryOf(realRoot, directory, name, { requestedPath: relativePath }).catch(() => undefined);
  if (!file) return undefined;
  try {
    if (!file.info.isFile() || file.info.size > SEARCH_MAX_FILE_BYTES) return undefined;
    if (file.info.nlink > 1) return 'hard-linked';
    // Room for one byte more than fstat said: a file that grew since is left out, not read without bound.
    const buffer = Buffer.alloc(file.info.size + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await file.handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > file.info.size) return undefined;
    const content = buffer.subarray(0, length);
    if (looksBinary(content)) return undefined;
    return { path: file.realPath, relativePath, text: content.toString('utf8') };
  } finally {
    await file.handle.close();
  }
}
