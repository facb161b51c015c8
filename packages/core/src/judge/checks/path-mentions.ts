/** A token that names a workspace path: has a `/` or ends in a short extension (README.md, src/x.ts). */
const PATH_TOKEN = /^(?:\.{0,2}\/)?[\w@.-]+(?:\/[\w@.-]+)*\/?$/;
const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,7}$/;
const NOT_PATHS = new Set(['e.g.', 'i.e.', 'etc.', 'vs.', 'a.m.', 'p.m.']);

export function isUrl(text: string): boolean {
  return /^https?:\/\//i.test(text);
}

/** `./docs/` and `docs` name the same place. */
export function normalizePath(path: string): string {
  const trimmed = path.trim().replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  return trimmed === '' ? '.' : trimmed;
}

/** Workspace paths mentioned in a text, in order, without duplicates. */
export function pathMentions(text: string): string[] {
  const found = new Set<string>();
  for (const raw of text.split(/[\s`'"()[\]{}<>,;]+/)) {
    const token = raw.replace(/[.:!?]+$/, '');
    if (token.length < 3 || NOT_PATHS.has(raw.toLowerCase()) || isUrl(token)) continue;
    if (!PATH_TOKEN.test(token) || /^[\d.]+$/.test(token)) continue;
    if (token.includes('/') ? /[A-Za-z]/.test(token) : EXTENSION.test(token)) found.add(normalizePath(token));
  }
  return [...found];
}
