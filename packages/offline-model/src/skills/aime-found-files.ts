/** What one find_files observation says: the count, where and for which glob, per folder, and the paths shown. */
export interface FoundFiles {
  count: number;
  /** The walk stopped at its file limit: the count is a lower bound. */
  atLeast: boolean;
  glob?: string;
  /** The folder walked, as the tool printed it (`.` for the root). */
  path: string;
  /** What the tool said it did not count. */
  notCounted: string;
  folders: Array<{ folder: string; count: number }>;
  paths: string[];
}

const HEADER =
  /^Found (at least )?(\d+) files?(?: matching "([^"]*)")? in (.+?) \(\d+ folders? walked; not counted: (.+)\)$/;

/** Reads find_files' output (header, "By folder:" line, paths, notes); undefined for anything else. */
export function parseFoundFiles(output: string): FoundFiles | undefined {
  const [header = '', ...rest] = output.split('\n');
  const match = HEADER.exec(header);
  if (!match) return undefined;
  const found: FoundFiles = {
    count: Number(match[2]),
    atLeast: match[1] !== undefined,
    path: match[4] ?? '.',
    notCounted: match[5] ?? '',
    folders: [],
    paths: [],
  };
  if (match[3] !== undefined) found.glob = match[3];
  for (const line of rest) {
    if (line.startsWith('By folder: ')) {
      for (const part of line.slice('By folder: '.length).split(', ')) {
        const folder = /^(.+) (\d+)$/.exec(part);
        if (folder) found.folders.push({ folder: folder[1] ?? '', count: Number(folder[2]) });
      }
    } else if (line && !line.startsWith('[')) found.paths.push(line);
  }
  return found;
}
