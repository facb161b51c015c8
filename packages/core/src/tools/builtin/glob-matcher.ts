import { ToolError } from '../tool-error';

/** Longest glob accepted (characters). */
export const GLOB_MAX_LENGTH = 200;
/** Most wildcards (`*`, `**`, `?`) in one glob. */
export const GLOB_MAX_WILDCARDS = 16;
/** Most alternatives after expanding `{a,b}` groups. */
export const GLOB_MAX_ALTERNATIVES = 32;

type GlobToken =
  | { kind: 'literal'; character: string }
  /** `?`: one character other than `/`. */
  | { kind: 'one' }
  /** `*`: any run of characters other than `/`. */
  | { kind: 'star' }
  /** `**` not followed by `/`: any run of characters. */
  | { kind: 'any' }
  /** `**​/`: nothing, or any run of characters ending with `/` (zero or more whole directories). */
  | { kind: 'directories' }
  /** End of one alternative: the path matches if it is consumed here. */
  | { kind: 'accept' };

/**
 * Compiles a file glob into a matcher over `/`-separated relative paths: `*` (within a segment),
 * `**` (any depth), `?`, `{a,b}`. A glob without `/` matches the file name at any depth (`*.md`).
 *
 * The matcher simulates the glob as a set of states over the path (Thompson's construction), so one
 * match costs at most (path length × pattern length) steps whatever the pattern: no backtracking,
 * no RegExp. Globs longer than 200 characters, with more than 16 wildcards or expanding to more than
 * 32 alternatives are refused with an `invalid_glob` ToolError.
 */
export function compileGlob(glob: string): (path: string) => boolean {
  if (glob.length > GLOB_MAX_LENGTH) {
    throw new ToolError('invalid_glob', `The glob is longer than ${GLOB_MAX_LENGTH} characters`);
  }
  const wildcards = glob.replace(/\*\*/g, '*').replace(/[^*?]/g, '').length;
  if (wildcards > GLOB_MAX_WILDCARDS) {
    throw new ToolError(
      'invalid_glob',
      `The glob has ${wildcards} wildcards; at most ${GLOB_MAX_WILDCARDS} are allowed (use a path to narrow the search)`,
    );
  }
  const pattern = glob.includes('/') ? glob.replace(/^\.\//, '') : `**/${glob}`;
  const tokens: GlobToken[] = [];
  const starts: number[] = [];
  for (const alternative of expandBraces(pattern)) {
    starts.push(tokens.length);
    tokens.push(...tokenize(alternative), { kind: 'accept' });
  }
  return (path) => simulate(tokens, starts, path);
}

function tokenize(pattern: string): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (let index = 0; index < pattern.length; index += 1) {
    const character = pattern[index] as string;
    if (character === '*' && pattern[index + 1] === '*') {
      const slash = pattern[index + 2] === '/';
      tokens.push({ kind: slash ? 'directories' : 'any' });
      index += slash ? 2 : 1;
    } else if (character === '*') tokens.push({ kind: 'star' });
    else if (character === '?') tokens.push({ kind: 'one' });
    else tokens.push({ kind: 'literal', character });
  }
  return tokens;
}

/** `a{b,c{d,e}}f` → `abf`, `acdf`, `acef`. Unbalanced braces are literal characters. */
function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open < 0) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  let close = -1;
  for (let index = open; index < pattern.length; index += 1) {
    const character = pattern[index];
    if (character === '{') depth += 1;
    else if (character === '}') {
      depth -= 1;
      if (depth === 0) {
        close = index;
        break;
      }
    } else if (character === ',' && depth === 1) commas.push(index);
  }
  if (close < 0) return [pattern];
  const head = pattern.slice(0, open);
  const bounds = [open, ...commas, close];
  const tails = expandBraces(pattern.slice(close + 1));
  const expanded: string[] = [];
  for (let index = 0; index + 1 < bounds.length; index += 1) {
    const choice = pattern.slice((bounds[index] as number) + 1, bounds[index + 1]);
    for (const middle of expandBraces(choice)) {
      for (const tail of tails) {
        expanded.push(`${head}${middle}${tail}`);
        if (expanded.length > GLOB_MAX_ALTERNATIVES) {
          throw new ToolError(
            'invalid_glob',
            `The glob's {a,b} groups expand to more than ${GLOB_MAX_ALTERNATIVES} alternatives`,
          );
        }
      }
    }
  }
  return expanded;
}

/** Runs every alternative at once; `current` holds the states alive after each path character. */
function simulate(tokens: GlobToken[], starts: number[], path: string): boolean {
  let current = new Uint8Array(tokens.length);
  let next = new Uint8Array(tokens.length);
  let alive = false;
  // 0: not alive, 1: alive inside `**/` (looping), 2: entered (its "matches nothing" shortcut taken).
  const enter = (states: Uint8Array, index: number): boolean => {
    if (states[index] === 2) return true;
    states[index] = 2;
    const token = tokens[index] as GlobToken;
    // Wildcards that may match nothing also stand for the state after them.
    if (token.kind === 'star' || token.kind === 'any' || token.kind === 'directories') enter(states, index + 1);
    return true;
  };
  for (const start of starts) alive = enter(current, start);
  for (let position = 0; position < path.length && alive; position += 1) {
    const character = path[position] as string;
    next.fill(0);
    alive = false;
    for (let index = 0; index < tokens.length; index += 1) {
      if (current[index] === 0) continue;
      const token = tokens[index] as GlobToken;
      switch (token.kind) {
        case 'literal':
          if (token.character === character) alive = enter(next, index + 1);
          break;
        case 'one':
          if (character !== '/') alive = enter(next, index + 1);
          break;
        case 'star':
          if (character !== '/') alive = enter(next, index);
          break;
        case 'any':
          alive = enter(next, index);
          break;
        case 'directories':
          // Stay inside the directories (without re-entering the "matches nothing" shortcut) …
          if (next[index] === 0) next[index] = 1;
          alive = true;
          // … and leave them after a `/`.
          if (character === '/') enter(next, index + 1);
          break;
        case 'accept':
          break;
      }
    }
    [current, next] = [next, current];
  }
  return tokens.some((token, index) => token.kind === 'accept' && current[index] !== 0);
}
