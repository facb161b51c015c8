import { basename, relative } from 'node:path';

/** Where the corpus aims: only canaries in the test's own temporary directories. */
export interface EscapeCanaries {
  /** Temporary directory holding the workspace, `sentinel/` and `workspace-sibling/`. */
  base: string;
  /** The workspace root, `base/workspace`. */
  workspace: string;
  /** A second temporary directory, not next to the workspace, holding `secret.txt`. */
  far: string;
}

/**
 * First components of every escape target, here and in the tools' own escape tests: the suite's
 * global guard fails the run if one of them appears in `/tmp` (or anything appears in `/`).
 */
export const ESCAPE_TARGET_NAMES: ReadonlySet<string> = new Set([
  'sentinel',
  'escaped.txt',
  'workspace-sibling',
  'new-file.txt',
  'secret.txt',
  'outside',
  'pwned.txt',
  'escape.txt',
  'escape2.txt',
  'abs.txt',
]);

/**
 * Generated path-escape attempts that are read AND written by the tests: every prefix (climbing,
 * encoded, absolute, through symlinks, with NUL or control characters, over-long, unicode
 * look-alikes) combined with every target. Each prefix, whatever a broken sandbox makes of it,
 * resolves into `base` (never above it), and the absolute ones name `base` or `far` — so even with
 * the sandbox check removed a write can only hit a canary. Nothing here names a system path: those
 * are in `systemPathProbes`, which are only ever read.
 */
export function buildPathEscapeCorpus({ base, workspace, far }: EscapeCanaries): string[] {
  const baseName = basename(base);
  const baseWithoutSlash = base.slice(1);
  const prefixes = [
    '../',
    `../../${baseName}/`,
    './../',
    'sub/../../',
    'sub/dir/../../../',
    '..//',
    '.././',
    '....//',
    '%2e%2e/',
    '%2e%2e%2f',
    '..%2f',
    '%2E./',
    '.%2e/',
    '..%5c',
    '..\\',
    `..\\..\\${baseName}\\`,
    '%252e%252e/',
    '\u2025/',
    '\uFF0E\uFF0E/',
    '\u2024\u2024/',
    'link-out/',
    'link-out/../',
    'link-abs/',
    'link-abs/../',
    'link-up/',
    'sub/link-up/',
    'chain-a/',
    'chain-a/../',
    'dangling/',
    `${base}/`,
    `${base}//`,
    `${base}/workspace/../`,
    `//${baseWithoutSlash}/`,
    `/./${baseWithoutSlash}/`,
    `file://${base}/`,
    '~/',
    '~',
    'README.md\u0000/../../',
    '\u0000../',
    '\n../',
    '\t../',
    `${'a/'.repeat(1100)}${'../'.repeat(1101)}`,
    `${'x'.repeat(300)}/../../`,
    '../workspace-sibling/../',
  ];
  const targets = [
    'sentinel/secret.txt',
    'sentinel/new-file.txt',
    'escaped.txt',
    'sentinel',
    'workspace-sibling/x.txt',
  ];
  const paths = new Set<string>();
  for (const prefix of prefixes) for (const target of targets) paths.add(`${prefix}${target}`);
  const farFromWorkspace = relative(workspace, far);
  for (const target of ['secret.txt', 'new-file.txt']) {
    paths.add(`${far}/${target}`);
    paths.add(`${farFromWorkspace}/${target}`);
    paths.add(`sub/dir/../../${farFromWorkspace}/${target}`);
    paths.add(`link-far/${target}`);
  }
  for (const link of ['link-file', 'link-out', 'link-abs', 'link-far', 'chain-a', 'dangling']) paths.add(link);
  paths.add('link-out/secret.txt');
  paths.add('link-abs/secret.txt');
  paths.add('chain-a/secret.txt');
  return [...paths];
}

/**
 * System files and directories: only read_file, list_dir and search_files are pointed at them,
 * and each probe says what would prove it was read. `link-etc` is a symlink to `/etc` in the workspace.
 */
export interface SystemPathProbe {
  path: string;
  /** Text that appears in the output only if the file or directory was actually read. */
  readMarker: string;
}

export function systemPathProbes(passwdFirstLine: string, environmentMarker: string): SystemPathProbe[] {
  return [
    { path: '/etc/passwd', readMarker: passwdFirstLine },
    { path: '//etc/passwd', readMarker: passwdFirstLine },
    { path: '../../../../../../../../etc/passwd', readMarker: passwdFirstLine },
    { path: 'link-etc/passwd', readMarker: passwdFirstLine },
    { path: 'link-etc', readMarker: 'passwd' },
    { path: '/etc', readMarker: 'passwd' },
    { path: '/proc/self/environ', readMarker: environmentMarker },
  ];
}
