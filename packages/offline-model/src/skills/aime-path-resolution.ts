/**
 * Paths in a subtask title for the offline actor: explicit file paths, the write target, the folder
 * a task names, and fuzzy file/folder names ("the README", "the package json", "the docker compose
 * file", "the tests folder") matched against a real `list_dir` listing of the workspace.
 */

const FILE_PATH =
  /(?:^|[\s"'`(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8})(?=$|[\s"'`),;:?!]|\.(?:\s|$))/g;

/** The arguments of the listing used to find files by name: the whole workspace, three levels deep. */
export const DISCOVERY_LISTING = { path: '.', depth: 3 } as const;

/** File paths written out in the text (`README.md`, `src/a.ts`, `./docs/guide.md`), in order. */
export function explicitPaths(text: string): string[] {
  const found = [...text.matchAll(FILE_PATH)]
    .map((match) => (match[1] ?? '').replace(/^\.\//, ''))
    .filter((path) => path && !/^\d+(\.\d+)+$/.test(path) && !/^(e\.g|i\.e|etc)\./i.test(path));
  return [...new Set(found)];
}

/** The path after "to", "into", "in", "as" or "at" (else the last path) in a write instruction. */
export function targetPath(title: string): string | undefined {
  const explicit = /\b(?:to|into|in|as|at)\s+[`"']?((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\.[A-Za-z0-9]{1,8})/i.exec(
    title,
  )?.[1];
  return (explicit ?? explicitPaths(title).at(-1))?.replace(/^\.\//, '');
}

const NOT_A_FOLDER_NAME = new Set(
  `the this that a an its it root top top-level whole current main project repository repo workspace source code
  which what each every all files file folder folders directory directories there here detail order codebase them
  general short brief in on at to for with from and or by into onto as me us it`.split(/\s+/),
);

/**
 * The directory a task names: a path with a slash and no extension (`docs/`, `packages/core/src`),
 * "the X folder/directory", or "in/inside/under/within/of X" — unless X is a word like "the
 * workspace" or "the project". `of: false` ignores "of X" (search tasks: "usages of clamp").
 */
export function directoryIn(title: string, options: { of?: boolean } = {}): string | undefined {
  const pathLike = /(?:^|[\s"'`(])((?:\.{0,2}\/)?[\w.-]+(?:\/[\w.-]+)*\/?)(?=$|[\s"'`),;:?!]|\.(?:\s|$))/g;
  for (const match of title.matchAll(pathLike)) {
    const candidate = match[1] ?? '';
    if (!candidate.includes('/') || /\.[A-Za-z0-9]{1,8}$/.test(candidate)) continue;
    const cleaned = candidate.replace(/^\.\//, '').replace(/\/$/, '');
    if (cleaned && cleaned !== '.') return cleaned;
  }
  const named = /\b([\w.-]+)\s+(?:folder|directory|dir)\b/i.exec(title)?.[1];
  if (named && !NOT_A_FOLDER_NAME.has(named.toLowerCase())) return named;
  for (const match of title.matchAll(
    options.of === false
      ? /(?<=\b(?:in|inside|under|within)\s+(?:the\s+)?)([\w-]+)(?=$|[\s,;:?!]|\.(?:\s|$))/gi
      : /(?<=\b(?:in|inside|under|within|of)\s+(?:the\s+)?)([\w-]+)(?=$|[\s,;:?!]|\.(?:\s|$))/gi,
  )) {
    const word = match[1] ?? '';
    if (!NOT_A_FOLDER_NAME.has(word.toLowerCase()) && !/\.[A-Za-z0-9]{1,8}$/.test(word)) return word;
  }
  return undefined;
}

export interface ListingEntry {
  path: string;
  kind: 'dir' | 'file' | 'link' | 'other';
}

/** Every entry of a `list_dir` observation with its path from the workspace root (nested levels included). */
export function parseListingTree(output: string): { root: string; entries: ListingEntry[]; truncated: boolean } {
  const root = /^Directory (\S+)/.exec(output)?.[1] ?? '.';
  const entries: ListingEntry[] = [];
  const stack: string[] = [];
  for (const line of output.split('\n')) {
    const match = /^( *)\[(dir|file|link|other)\] (.+?)(\/)?(?: \((?:contents skipped|[\d.]+ [KMG]?i?B)\))?$/.exec(
      line,
    );
    if (!match) continue;
    const level = Math.floor((match[1] ?? '').length / 2);
    const name = match[3] ?? '';
    stack.length = level;
    const relative = [...stack, name].join('/');
    entries.push({ path: joinPath(root, relative), kind: match[2] as ListingEntry['kind'] });
    if (match[2] === 'dir') stack.push(name);
  }
  return { root, entries, truncated: /\[truncated at/.test(output) };
}

export function joinPath(directory: string, file: string): string {
  return directory === '.' || directory === '' ? file : `${directory.replace(/\/$/, '')}/${file}`;
}

const NAME_STOP_WORDS = new Set(
  `a about all an and any are as at be by can check compare content contents describe do does document explain file
  files find for from give how i in inside into is it its key look main me my of on open or our please points project
  read repo repository review say says show summarise summarize summary tell text that the their then this to top us
  we what whats which with workspace you your against between versus vs both two results result findings output
  above them these those`.split(/\s+/),
);

/** Normalised for comparison: lower case, letters and digits only ("Docker-Compose" → "dockercompose"). */
function normalise(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** Phrases that could name a file or folder: content words and runs of two or three adjacent ones. */
export function nameCandidates(title: string): string[] {
  const words = (title.match(/[\w.-]+/g) ?? []).map((word) => word.replace(/[.-]+$/, ''));
  const runs: string[][] = [[]];
  for (const word of words) {
    if (NAME_STOP_WORDS.has(word.toLowerCase()) || word.length === 0) runs.push([]);
    else runs.at(-1)?.push(word);
  }
  const candidates: string[] = [];
  for (const run of runs) {
    for (let size = Math.min(3, run.length); size >= 1; size--) {
      for (let start = 0; start + size <= run.length; start++)
        candidates.push(run.slice(start, start + size).join(' '));
    }
  }
  return [...new Set(candidates)].filter((candidate) => normalise(candidate).length >= 2);
}

/** "documentation" and "docs", "configuration" and "config": one starts with the other (three letters at least). */
function sharesPrefix(name: string, word: string): boolean {
  const base = name.replace(/s$/, '');
  return base.length >= 3 && word.length >= 3 && (word.startsWith(base) || base.startsWith(word));
}

/** The name, without its last extension, without all extensions — normalised, in that order. */
function stems(path: string): string[] {
  const name = path.split('/').pop() ?? path;
  const withoutLast = name.replace(/\.[^.]+$/, '');
  const withoutAll = name.replace(/\..*$/, '');
  return [name, withoutLast, withoutAll].map(normalise).filter(Boolean);
}

/**
 * Entries of the listing that the title names, best first: a candidate phrase equal to the entry's
 * name with or without extension (case and punctuation ignored; "docs" also matches "doc"), longer
 * phrases first, then shallower paths. `kind` restricts to files or directories.
 */
export function matchEntries(title: string, entries: ListingEntry[], kind: 'file' | 'dir'): string[] {
  const wanted = entries.filter((entry) => (kind === 'dir' ? entry.kind === 'dir' : entry.kind !== 'dir'));
  const scored: Array<{ path: string; score: number }> = [];
  for (const candidate of nameCandidates(title)) {
    const key = normalise(candidate);
    for (const entry of wanted) {
      const keys = stems(entry.path);
      const exact = keys.includes(key);
      const closeName = keys.slice(0, 2).includes(key);
      const plural = keys.some((stem) => stem === `${key}s` || `${stem}s` === key);
      const prefix = kind === 'dir' && keys.some((stem) => sharesPrefix(stem, key));
      if (!exact && !plural && !prefix) continue;
      const depth = entry.path.split('/').length;
      const score = candidate.split(' ').length * 10 + (exact ? 3 : 0) + (closeName ? 2 : 0) - depth;
      scored.push({ path: entry.path, score });
    }
  }
  scored.sort(
    (left, right) =>
      right.score - left.score || left.path.length - right.path.length || left.path.localeCompare(right.path),
  );
  return [...new Set(scored.map((entry) => entry.path))];
}

/** The entry whose name equals `path`'s name ignoring case, or whose name without extension matches (for "not found" reads). */
export function closestFile(path: string, entries: ListingEntry[]): string | undefined {
  const name = (path.split('/').pop() ?? path).toLowerCase();
  const files = entries.filter((entry) => entry.kind !== 'dir');
  const sameName = files.filter((entry) => (entry.path.split('/').pop() ?? '').toLowerCase() === name);
  const preferred = sameName.find((entry) => entry.path.toLowerCase() === path.toLowerCase()) ?? sameName[0];
  if (preferred) return preferred.path;
  const stem = normalise(name.replace(/\.[^.]+$/, ''));
  return files.find((entry) => stems(entry.path).includes(stem))?.path;
}
