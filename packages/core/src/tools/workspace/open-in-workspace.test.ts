import { link, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../../testing/temporary-workspace';
import { readFileTool } from '../builtin/read-file';
import { searchFilesTool } from '../builtin/search-files';
import { createWebSearchTool } from '../builtin/web-search';
import { writeFileTool } from '../builtin/write-file';
import { executeToolCall } from '../registry/execute-tool-call';
import { openInWorkspace, openWritableDirectory } from './open-in-workspace';

let workspace: TemporaryWorkspace;
beforeEach(async () => {
  workspace = await createTemporaryWorkspace();
});
afterEach(() => workspace.cleanup());

const call = (tool: Parameters<typeof executeToolCall>[0], args: unknown) =>
  executeToolCall(tool, args, workspace.context());

describe('hard links to files outside the workspace', () => {
  beforeEach(async () => {
    await link(join(workspace.outside, 'secret.txt'), join(workspace.root, 'linked.txt'));
    await writeFile(join(workspace.root, 'plain.txt'), 'a plain secret-free file\n');
  });

  it('read_file refuses a file with more than one link and says why', async () => {
    const result = await call(readFileTool, { path: 'linked.txt' });
    expect(result).toMatchObject({ ok: false, errorCode: 'hard_link' });
    expect(result.output).toContain('has 2 hard links');
    expect(result.output).not.toContain('top secret');
  });

  it('search_files and the offline web_search leave it out and say so', async () => {
    const search = await call(searchFilesTool, { query: 'secret' });
    expect(search.output).not.toContain('top secret');
    expect(search.output).toContain('[not searched: linked.txt (more than one hard link');
    const web = await call(createWebSearchTool(), { query: 'top secret' });
    expect(web.output).not.toContain('top secret\n');
    expect(web.references ?? []).not.toContain('linked.txt');
  });

  it('append refuses it (it would copy the outside content in); replacing leaves the outside file alone', async () => {
    const append = await call(writeFileTool, { path: 'linked.txt', content: 'x', append: true });
    expect(append).toMatchObject({ ok: false, errorCode: 'hard_link' });
    const replace = await call(writeFileTool, { path: 'linked.txt', content: 'replaced' });
    expect(replace.ok).toBe(true);
    expect(await readFile(join(workspace.outside, 'secret.txt'), 'utf8')).toBe('top secret\n');
    expect(await readFile(join(workspace.root, 'linked.txt'), 'utf8')).toBe('replaced');
  });
});

describe('the .git write guard judges the real path', () => {
  beforeEach(async () => {
    await mkdir(join(workspace.root, '.git', 'hooks'), { recursive: true });
    await writeFile(join(workspace.root, '.git', 'config'), '[core]\n');
    await symlink('.git', join(workspace.root, 'g'));
    await symlink(join(workspace.root, '.git', 'hooks'), join(workspace.root, 'h'));
  });

  it.each([
    ['g/config'],
    ['g/hooks/pre-commit'],
    ['h/pre-commit'],
    ['.GIT/config'],
    ['.Git/hooks/pre-commit'],
    ['sub/.gIt/config'],
  ])('refuses %s', async (path) => {
    const result = await call(writeFileTool, { path, content: '[core]\n\tfsmonitor = touch pwned\n' });
    expect(result).toMatchObject({ ok: false, errorCode: 'path_protected' });
    expect(await readFile(join(workspace.root, '.git', 'config'), 'utf8')).toBe('[core]\n');
  });

  it('still allows names that merely contain .git', async () => {
    expect((await call(writeFileTool, { path: 'notes/.gitignore', content: 'dist\n' })).ok).toBe(true);
    expect((await call(writeFileTool, { path: 'my.git/readme.md', content: 'x' })).ok).toBe(true);
  });

  it('openWritableDirectory refuses .git however it is reached', async () => {
    await expect(openWritableDirectory(workspace.root, ['.git', 'hooks'], '.git/hooks')).rejects.toMatchObject({
      code: 'path_protected',
    });
  });
});

describe('openInWorkspace', () => {
  it('refuses a descriptor whose real path is outside, and closes it', async () => {
    await expect(
      openInWorkspace(workspace.root, join(workspace.outside, 'secret.txt'), { requestedPath: 'x' }),
    ).rejects.toMatchObject({ code: 'path_outside_workspace' });
  });

  it('does not follow a symlink in the last component', async () => {
    await symlink(join(workspace.outside, 'secret.txt'), join(workspace.root, 'link.txt'));
    await expect(
      openInWorkspace(workspace.root, join(workspace.root, 'link.txt'), { requestedPath: 'link.txt' }),
    ).rejects.toMatchObject({ code: 'path_changed' });
  });
});
