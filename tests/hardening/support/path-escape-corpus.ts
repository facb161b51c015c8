/**
 * Generated path-escape attempts: every prefix (climbing, encoded, absolute, through symlinks,
 * with NUL or control characters, over-long, unicode look-alikes) combined with every target.
 * `base` is the directory holding the workspace, the sentinel and the sibling.
 */
export function buildPathEscapeCorpus(base: string): string[] {
  const prefixes = [
    '../',
    '../../',
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
    '..\\..\\',
    '%252e%252e/',
    '\u2025/',
    '\uFF0E\uFF0E/',
    '\u2024\u2024/',
    'link-out/',
    'link-up/',
    'sub/link-up/',
    'chain-a/',
    'dangling/',
    'link-abs/../',
    `${base}/`,
    `${base}//`,
    `${base}/workspace/../`,
    '/',
    '//',
    'file:///',
    '~/',
    '~',
    'README.md\u0000/../../',
    '\u0000../',
    '\n../',
    '\t../',
    `${'a/'.repeat(1100)}${'../'.repeat(1101)}`,
    `${'x'.repeat(300)}/../../`,
    '../workspace-sibling/../',
    '../workspace-sibling/',
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
  paths.add('link-file');
  paths.add('link-out');
  paths.add('chain-a');
  paths.add('link-abs/passwd');
  paths.add(`${base}/sentinel/secret.txt`);
  paths.add('/etc/passwd');
  paths.add('/proc/self/environ');
  paths.add('/dev/zero');
  return [...paths];
}
