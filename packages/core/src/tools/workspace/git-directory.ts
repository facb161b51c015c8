import { relative, sep } from 'node:path';

/**
 * Whether a real path inside the workspace lies in (or is) a `.git` directory. Compared without
 * case: on case-insensitive file systems (macOS, Windows) `.GIT/hooks` is `.git/hooks`.
 */
export function isInGitDirectory(realRoot: string, realPath: string): boolean {
  return relative(realRoot, realPath)
    .split(sep)
    .some((segment) => segment.toLowerCase() === '.git');
}
