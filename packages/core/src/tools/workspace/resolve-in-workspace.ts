import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isInGitDirectory } from './git-directory';
import { SandboxError } from './sandbox-error';

export const MAX_PATH_LENGTH = 4096;
export const MAX_SEGMENT_LENGTH = 255;

export interface ResolveOptions {
  /** Reject when the path does not exist (reads). */
  mustExist?: boolean;
  /** The caller will write here: the final component may not be a symlink, `.git` is protected. */
  forWrite?: boolean;
}

/** Percent-encoded dot, slash, backslash or NUL: never decoded, refused as ambiguous. */
const ENCODED_SEPARATOR = /%(2e|2f|5c|00)/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this rejects.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f]/;

/**
 * Resolves `requestedPath` (relative to the workspace root, or absolute inside it) to an absolute
 * real path inside the workspace, or throws a SandboxError. Every existing component is checked with
 * lstat, so a symlink anywhere in the chain that leads outside is refused; missing trailing
 * components are allowed unless `mustExist`. For writes, a real path in `.git` (any case) is refused.
 * This is a check on names only: tools then open through openInWorkspace, which verifies what was
 * really opened (the disk may change between the two).
 */
export async function resolveInWorkspace(
  workspaceRoot: string,
  requestedPath: string,
  options: ResolveOptions = {},
): Promise<string> {
  checkSyntax(requestedPath);
  const root = resolve(workspaceRoot);
  const realRoot = await workspaceRealRoot(root);
  const segments = lexicalSegments(root, realRoot, requestedPath);
  const refuseGit = (realPath: string): string => {
    if (options.forWrite && isInGitDirectory(realRoot, realPath)) {
      throw new SandboxError('path_protected', requestedPath, `Refusing to write inside .git: ${requestedPath}`);
    }
    return realPath;
  };
  refuseGit(join(realRoot, ...segments));

  let current = realRoot;
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index] as string;
    const isLast = index === segments.length - 1;
    const next = join(current, segment);
    const info = await lstatOrUndefined(next);
    if (!info) {
      const rest = segments.slice(index);
      if (options.mustExist) {
        throw new SandboxError(
          'path_not_found',
          requestedPath,
          `No such file or directory in the workspace: ${requestedPath}`,
        );
      }
      return refuseGit(join(current, ...rest));
    }
    if (info.isSymbolicLink()) {
      const target = await realpath(next).catch(() => undefined);
      if (target === undefined) {
        throw new SandboxError(
          'symlink_dangling',
          requestedPath,
          `Refusing ${requestedPath}: it goes through a symbolic link whose target does not exist`,
        );
      }
      if (!isInside(realRoot, target)) {
        throw new SandboxError(
          'path_outside_workspace',
          requestedPath,
          `Refusing ${requestedPath}: a symbolic link in it points outside the workspace`,
        );
      }
      if (options.forWrite && isLast) {
        throw new SandboxError(
          'symlink_write',
          requestedPath,
          `Refusing to write through the symbolic link ${requestedPath}`,
        );
      }
      current = target;
    } else {
      current = next;
    }
    if (!isLast) {
      const resolvedInfo = info.isSymbolicLink() ? await stat(current) : info;
      if (!resolvedInfo.isDirectory()) {
        throw new SandboxError(
          'path_not_directory',
          requestedPath,
          `${segments.slice(0, index + 1).join('/')} is not a directory`,
        );
      }
    }
  }
  await rejectSpecialFile(current, requestedPath);
  // Judged on the real path: a symlink `g -> .git` inside the workspace does not open .git to writes.
  return refuseGit(current);
}

/** The real path of the workspace root (a SandboxError when it does not exist). */
export async function workspaceRealRoot(workspaceRoot: string): Promise<string> {
  return realpath(resolve(workspaceRoot)).catch((error: unknown) => {
    throw new SandboxError('path_not_found', workspaceRoot, `The workspace root ${workspaceRoot} does not exist`, {
      cause: error,
    });
  });
}

/** Workspace-relative form of an absolute path inside the root, with `/` separators (`.` for the root). */
export async function toWorkspaceRelative(workspaceRoot: string, absolutePath: string): Promise<string> {
  const realRoot = await realpath(resolve(workspaceRoot)).catch(() => resolve(workspaceRoot));
  const relativePath = relative(realRoot, absolutePath);
  return relativePath === '' ? '.' : relativePath.split(sep).join('/');
}

export function isInside(root: string, candidate: string): boolean {
  const relativePath = relative(root, candidate);
  return (
    relativePath === '' || (!relativePath.startsWith(`..${sep}`) && relativePath !== '..' && !isAbsolute(relativePath))
  );
}

function checkSyntax(requestedPath: string): void {
  if (typeof requestedPath !== 'string' || requestedPath.trim() === '') {
    throw new SandboxError(
      'path_empty',
      String(requestedPath),
      'The path is empty; give a path relative to the workspace',
    );
  }
  const shown = JSON.stringify(requestedPath.length > 120 ? `${requestedPath.slice(0, 120)}…` : requestedPath);
  if (requestedPath.includes('\u0000')) {
    throw new SandboxError('path_invalid', requestedPath, `The path ${shown} contains a NUL byte`);
  }
  if (CONTROL_CHARACTER.test(requestedPath)) {
    throw new SandboxError('path_invalid', requestedPath, `The path ${shown} contains control characters`);
  }
  if (requestedPath.length > MAX_PATH_LENGTH) {
    throw new SandboxError('path_too_long', requestedPath, `The path is longer than ${MAX_PATH_LENGTH} characters`);
  }
  if (requestedPath.split('/').some((segment) => Buffer.byteLength(segment) > MAX_SEGMENT_LENGTH)) {
    throw new SandboxError(
      'path_too_long',
      requestedPath,
      `A component of the path is longer than ${MAX_SEGMENT_LENGTH} bytes`,
    );
  }
  if (requestedPath.includes('\\')) {
    throw new SandboxError(
      'path_invalid',
      requestedPath,
      `The path ${shown} contains a backslash; use "/" as the separator`,
    );
  }
  if (ENCODED_SEPARATOR.test(requestedPath)) {
    throw new SandboxError(
      'path_invalid',
      requestedPath,
      `The path ${shown} contains percent-encoded characters (%2e, %2f, %5c, %00); paths are not URL-decoded`,
    );
  }
  if (requestedPath === '~' || requestedPath.startsWith('~/')) {
    throw new SandboxError(
      'path_outside_workspace',
      requestedPath,
      `The path ${shown} refers to a home directory; only paths inside the workspace are allowed`,
    );
  }
}

/** Lexical check (before touching the disk): the path may not climb out of the root. Returns its segments. */
function lexicalSegments(root: string, realRoot: string, requestedPath: string): string[] {
  const absolute = resolve(root, requestedPath);
  for (const base of [root, realRoot]) {
    if (isInside(base, absolute)) {
      const relativePath = relative(base, absolute);
      const full = join(realRoot, relativePath);
      if (full.length > MAX_PATH_LENGTH) {
        throw new SandboxError(
          'path_too_long',
          requestedPath,
          `The resolved path is longer than ${MAX_PATH_LENGTH} characters`,
        );
      }
      return relativePath === '' ? [] : relativePath.split(sep);
    }
  }
  throw new SandboxError(
    'path_outside_workspace',
    requestedPath,
    `Refusing ${requestedPath}: it is outside the workspace (paths must stay inside the workspace root)`,
  );
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') {
      throw new SandboxError('path_not_directory', path, 'A component of the path is not a directory');
    }
    throw error;
  }
}

async function rejectSpecialFile(path: string, requestedPath: string): Promise<void> {
  const info = await stat(path).catch(() => undefined);
  if (info && !info.isFile() && !info.isDirectory()) {
    throw new SandboxError(
      'special_file',
      requestedPath,
      `Refusing ${requestedPath}: it is a device, socket or pipe, not a regular file`,
    );
  }
}
