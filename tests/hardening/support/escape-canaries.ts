import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ToolContext } from '@gepa-aime/core';
import type { EscapeCanaries } from './path-escape-corpus';

/**
 * One test's escape targets, all inside its own temporary directories:
 *
 *     base/                      (mkdtemp)
 *       workspace/               the sandbox root: README.md, sub/dir/, symlinks below
 *       sentinel/                secret.txt and a file whose name is itself secret
 *       workspace-sibling/       shares the workspace's name as a prefix
 *       home/                    $HOME while the test runs, so `~/` aims here too
 *     far/                       (a second mkdtemp, not next to the workspace): secret.txt
 *
 * Workspace symlinks: link-out → ../sentinel (relative), link-abs → base/sentinel (absolute),
 * link-file → sentinel/secret.txt, link-far → far, link-up → .., sub/link-up → ../..,
 * chain-a → chain-b → ../sentinel, dangling → sentinel/missing, and link-etc → /etc, which the
 * tests only ever read through.
 */
export interface EscapeFixture extends EscapeCanaries {
  secret: string;
  /** A file name that exists only in `sentinel/`: seeing it in an output means a listing escaped. */
  sentinelOnlyName: string;
  context(): ToolContext;
  /** Every file, directory and symlink under `base` (except the workspace) and `far`, with contents. */
  snapshotOutside(): Promise<Record<string, string>>;
  /** Every file inside the workspace with its contents. */
  snapshotWorkspace(): Promise<Record<string, string>>;
  cleanup(): Promise<void>;
}

export async function createEscapeFixture(): Promise<EscapeFixture> {
  const secret = `SENTINEL-${randomBytes(8).toString('hex')}`;
  const sentinelOnlyName = `only-in-sentinel-${randomBytes(4).toString('hex')}.txt`;
  const base = await realpath(await mkdtemp(join(tmpdir(), 'aime-escape-')));
  const far = await realpath(await mkdtemp(join(tmpdir(), 'aime-escape-far-')));
  const workspace = join(base, 'workspace');
  await mkdir(join(workspace, 'sub', 'dir'), { recursive: true });
  for (const directory of ['sentinel', 'workspace-sibling', 'home']) await mkdir(join(base, directory));
  await writeFile(join(workspace, 'README.md'), '# inside\n');
  await writeFile(join(base, 'sentinel', 'secret.txt'), `${secret}\n`);
  await writeFile(join(base, 'sentinel', sentinelOnlyName), `${secret}\n`);
  await writeFile(join(base, 'workspace-sibling', 'x.txt'), `${secret}\n`);
  await writeFile(join(base, 'home', 'secret.txt'), `${secret}\n`);
  await writeFile(join(far, 'secret.txt'), `${secret}\n`);
  const links: Array<[target: string, name: string]> = [
    ['../sentinel', 'link-out'],
    [join(base, 'sentinel'), 'link-abs'],
    [join(base, 'sentinel', 'secret.txt'), 'link-file'],
    [far, 'link-far'],
    ['..', 'link-up'],
    ['../..', 'sub/link-up'],
    ['chain-b', 'chain-a'],
    ['../sentinel', 'chain-b'],
    [join(base, 'sentinel', 'missing'), 'dangling'],
    ['/etc', 'link-etc'],
  ];
  for (const [target, name] of links) await symlink(target, join(workspace, name));

  const previousHome = process.env.HOME;
  process.env.HOME = join(base, 'home');
  return {
    base,
    workspace,
    far,
    secret,
    sentinelOnlyName,
    context: () => ({
      workspaceRoot: workspace,
      signal: new AbortController().signal,
      taskId: 't',
      reportProgress() {},
    }),
    snapshotOutside: async () => ({
      ...(await snapshotTree(base, 'base', workspace)),
      ...(await snapshotTree(far, 'far')),
    }),
    snapshotWorkspace: () => snapshotTree(workspace, 'workspace'),
    cleanup: async () => {
      if (previousHome === undefined) delete process.env.HOME;
      else process.env.HOME = previousHome;
      await rm(base, { recursive: true, force: true });
      await rm(far, { recursive: true, force: true });
    },
  };
}

async function snapshotTree(root: string, label: string, skip?: string): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (path === skip) continue;
      const key = `${label}/${relative(root, path)}`;
      if (entry.isSymbolicLink()) entries[key] = `-> ${await readlink(path)}`;
      else if (entry.isDirectory()) {
        entries[`${key}/`] = 'dir';
        await walk(path);
      } else entries[key] = await readFile(path, 'utf8');
    }
  };
  await walk(root);
  return entries;
}
