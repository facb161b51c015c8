import { execFileSync } from 'node:child_process';
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { resolveInWorkspace, toWorkspaceRelative } from './resolve-in-workspace';
import { SandboxError } from './sandbox-error';

let workspace: TemporaryWorkspace;

beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
  await mkdir(join(workspace.root, 'docs'));
  await writeFile(join(workspace.root, 'docs', 'guide.md'), '# Guide\n');
});
afterEach(() => workspace.cleanup());

async function rejection(
  path: string,
  options: { mustExist?: boolean; forWrite?: boolean } = {},
): Promise<SandboxError> {
  try {
    await resolveInWorkspace(workspace.root, path, options);
  } catch (error) {
    expect(error).toBeInstanceOf(SandboxError);
    return error as SandboxError;
  }
  throw new Error(`expected ${JSON.stringify(path)} to be rejected`);
}

describe('resolveInWorkspace', () => {
  it('resolves relative and absolute paths inside the workspace to real paths', async () => {
    const expected = join(workspace.root, 'docs', 'guide.md');
    expect(await resolveInWorkspace(workspace.root, 'docs/guide.md', { mustExist: true })).toBe(expected);
    expect(await resolveInWorkspace(workspace.root, './docs/../docs/guide.md')).toBe(expected);
    expect(await resolveInWorkspace(workspace.root, expected)).toBe(expected);
    expect(await resolveInWorkspace(workspace.root, '.')).toBe(workspace.root);
    expect(await resolveInWorkspace(workspace.root, 'new/dir/file.txt', { forWrite: true })).toBe(
      join(workspace.root, 'new', 'dir', 'file.txt'),
    );
    expect(await toWorkspaceRelative(workspace.root, expected)).toBe('docs/guide.md');
    expect(await toWorkspaceRelative(workspace.root, workspace.root)).toBe('.');
  });

  it('accepts a workspace root given through a symlink, and absolute paths through that link', async () => {
    const link = join(workspace.outside, 'link-to-workspace');
    await symlink(workspace.root, link);
    expect(await resolveInWorkspace(link, 'docs/guide.md')).toBe(join(workspace.root, 'docs', 'guide.md'));
    expect(await resolveInWorkspace(link, join(link, 'docs/guide.md'))).toBe(join(workspace.root, 'docs', 'guide.md'));
  });

  it.each([
    ['../outside/secret.txt', 'path_outside_workspace'],
    ['docs/../../outside/secret.txt', 'path_outside_workspace'],
    ['/etc/passwd', 'path_outside_workspace'],
    ['..', 'path_outside_workspace'],
    ['../workspace-sibling/secret.txt', 'path_outside_workspace'],
    ['~/.ssh/id_rsa', 'path_outside_workspace'],
    ['~', 'path_outside_workspace'],
    ['', 'path_empty'],
    ['   ', 'path_empty'],
    ['docs/guide.md\u0000.txt', 'path_invalid'],
    ['docs/\nguide.md', 'path_invalid'],
    ['%2e%2e%2foutside/secret.txt', 'path_invalid'],
    ['..%2Foutside', 'path_invalid'],
    ['%2E%2E/outside', 'path_invalid'],
    ['..\\..\\outside\\secret.txt', 'path_invalid'],
    [`${'a/'.repeat(2100)}x`, 'path_too_long'],
    [`${'x'.repeat(256)}.txt`, 'path_too_long'],
  ])('rejects %j with %s', async (path, code) => {
    const error = await rejection(path);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(10);
  });

  it('rejects the absolute path of a sibling directory that shares the workspace name as a prefix', async () => {
    expect((await rejection(join(workspace.sibling, 'secret.txt'))).code).toBe('path_outside_workspace');
    expect((await rejection(join(workspace.outside, 'secret.txt'))).code).toBe('path_outside_workspace');
  });

  it('treats other percent signs literally and allows them', async () => {
    expect(await resolveInWorkspace(workspace.root, '100%-done.txt')).toBe(join(workspace.root, '100%-done.txt'));
  });

  it('rejects symlinks that lead outside, anywhere in the chain', async () => {
    await symlink(join(workspace.outside, 'secret.txt'), join(workspace.root, 'secret-link'));
    await symlink(workspace.outside, join(workspace.root, 'outside-dir'));
    await symlink(join(workspace.root, 'outside-dir'), join(workspace.root, 'chained'));
    expect((await rejection('secret-link', { mustExist: true })).code).toBe('path_outside_workspace');
    expect((await rejection('outside-dir/secret.txt', { mustExist: true })).code).toBe('path_outside_workspace');
    expect((await rejection('outside-dir/new.txt', { forWrite: true })).code).toBe('path_outside_workspace');
    expect((await rejection('chained/deeper/new.txt', { forWrite: true })).code).toBe('path_outside_workspace');
  });

  it('follows symlinks inside the workspace for reads but refuses to write through them', async () => {
    await symlink(join(workspace.root, 'docs', 'guide.md'), join(workspace.root, 'guide-link'));
    await symlink(join(workspace.root, 'docs'), join(workspace.root, 'docs-link'));
    expect(await resolveInWorkspace(workspace.root, 'guide-link', { mustExist: true })).toBe(
      join(workspace.root, 'docs', 'guide.md'),
    );
    expect(await resolveInWorkspace(workspace.root, 'docs-link/new.md', { forWrite: true })).toBe(
      join(workspace.root, 'docs', 'new.md'),
    );
    expect((await rejection('guide-link', { forWrite: true })).code).toBe('symlink_write');
  });

  it('rejects dangling symlinks, whether they point inside or outside', async () => {
    await symlink(join(workspace.outside, 'not-yet.txt'), join(workspace.root, 'dangling-out'));
    await symlink(join(workspace.root, 'nowhere.txt'), join(workspace.root, 'dangling-in'));
    expect((await rejection('dangling-out', { forWrite: true })).code).toBe('symlink_dangling');
    expect((await rejection('dangling-in', { mustExist: true })).code).toBe('symlink_dangling');
  });

  it('rejects special files such as FIFOs', async () => {
    execFileSync('mkfifo', [join(workspace.root, 'pipe')]);
    expect((await rejection('pipe', { mustExist: true })).code).toBe('special_file');
  });

  it('protects .git from writes but not from reads', async () => {
    await mkdir(join(workspace.root, '.git', 'hooks'), { recursive: true });
    expect((await rejection('.git/hooks/pre-commit', { forWrite: true })).code).toBe('path_protected');
    expect(await resolveInWorkspace(workspace.root, '.git/hooks')).toBe(join(workspace.root, '.git', 'hooks'));
  });

  it('reports missing paths and files used as directories', async () => {
    expect((await rejection('missing.txt', { mustExist: true })).code).toBe('path_not_found');
    expect((await rejection('docs/guide.md/child', { forWrite: true })).code).toBe('path_not_directory');
  });

  it('names the component that is not a directory, and the path asked for', async () => {
    await mkdir(join(workspace.root, 'docs', 'deeper'));
    for (const options of [{}, { mustExist: true }, { forWrite: true }]) {
      const error = await rejection('docs/guide.md/child/file.txt', options);
      expect(error.code).toBe('path_not_directory');
      expect(error.message).toBe('docs/guide.md is not a directory');
      expect(error.requestedPath).toBe('docs/guide.md/child/file.txt');
    }
    await symlink(join(workspace.root, 'docs', 'guide.md'), join(workspace.root, 'docs', 'deeper', 'guide-link'));
    const throughLink = await rejection('docs/deeper/guide-link/x.txt', { forWrite: true });
    expect(throughLink.message).toBe('docs/deeper/guide-link is not a directory');
    expect(throughLink.requestedPath).toBe('docs/deeper/guide-link/x.txt');
  });
});
