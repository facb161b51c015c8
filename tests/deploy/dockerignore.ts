import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Patterns of a .dockerignore (comments and blank lines dropped; `!` exceptions kept in order). */
export function readIgnorePatterns(root: string): string[] {
  return readFileSync(join(root, '.dockerignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
}

function toRegExp(pattern: string): RegExp {
  const body = pattern
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((segment) =>
      segment === '**'
        ? '(?:.*)'
        : segment
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '[^/]*')
            .replace(/\?/g, '[^/]'),
    )
    .join('/')
    .replace(/\(\?:\.\*\)\//g, '(?:.*/)?');
  return new RegExp(`^${body}$`);
}

/** Docker's rule: a path is excluded when it or one of its parent directories matches; the last matching pattern wins. */
export function isIgnored(path: string, patterns: string[]): boolean {
  const parts = path.split('/');
  const prefixes = parts.map((_part, index) => parts.slice(0, index + 1).join('/'));
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const expression = toRegExp(negated ? pattern.slice(1) : pattern);
    if (prefixes.some((prefix) => expression.test(prefix))) ignored = !negated;
  }
  return ignored;
}
