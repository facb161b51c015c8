import { constants, type Stats } from 'node:fs';
import { type FileHandle, mkdir, open, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { descriptorPath, descriptorRealPath, supportsDescriptorPaths } from './descriptor-path';
import { isInGitDirectory } from './git-directory';
import { isInside } from './resolve-in-workspace';
import { SandboxError } from './sandbox-error';

/** An open file or directory whose descriptor was checked to lie inside the workspace. */
export interface WorkspaceEntry {
  handle: FileHandle;
  /** fstat of the descriptor: what was really opened. */
  info: Stats;
  /** Real path of the descriptor when it was checked. */
  realPath: string;
}

export interface OpenInWorkspaceOptions {
  /** The path as the model gave it, for messages. */
  requestedPath: string;
  /** Open a directory (refused when the entry is anything else). */
  directory?: boolean;
  /** The caller will write inside: a real path in `.git` is refused. */
  forWrite?: boolean;
}

/**
 * Never follows a symlink in the last component, never blocks on a FIFO or device (non-blocking
 * open, then only regular files and directories pass the fstat check).
 */
const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;

/**
 * Opens `absolutePath` first and then verifies what was opened: the descriptor's real path (from
 * the kernel, `/proc/self/fd/N`; elsewhere realpath plus a device/inode comparison) must lie inside
 * the workspace, so a directory swapped for a symlink between resolveInWorkspace's check and this
 * open is caught instead of followed out of the workspace.
 */
export async function openInWorkspace(
  realRoot: string,
  absolutePath: string,
  options: OpenInWorkspaceOptions,
): Promise<WorkspaceEntry> {
  return openVerified(realRoot, absolutePath, absolutePath, options);
}

/**
 * Opens the entry `name` of an already verified directory. On Linux this goes through the
 * directory's descriptor (`/proc/self/fd/N/name`, like openat), so renames or symlink swaps along
 * the directory's path cannot redirect it.
 */
export async function openEntryOf(
  realRoot: string,
  directory: WorkspaceEntry,
  name: string,
  options: OpenInWorkspaceOptions,
): Promise<WorkspaceEntry> {
  return openVerified(realRoot, entryPath(directory, name), join(directory.realPath, name), options);
}

/** A path naming `name` inside a verified directory (through its descriptor where the OS allows). */
export function entryPath(directory: WorkspaceEntry, name?: string): string {
  if (supportsDescriptorPaths()) return descriptorPath(directory.handle, name);
  return name === undefined ? directory.realPath : join(directory.realPath, name);
}

/**
 * Opens the directory `segments` (relative to the root, no symlinks expected) for writing, creating
 * missing directories one at a time, each inside the verified descriptor of its parent.
 */
export async function openWritableDirectory(
  realRoot: string,
  segments: string[],
  requestedPath: string,
): Promise<WorkspaceEntry> {
  const options = { requestedPath, directory: true, forWrite: true };
  let current = await openInWorkspace(realRoot, realRoot, options);
  try {
    for (const segment of segments) {
      const next = await openEntryOf(realRoot, current, segment, options).catch(async (error: unknown) => {
        if ((error as SandboxError).code !== 'path_not_found') throw error;
        await mkdir(entryPath(current, segment)).catch((mkdirError: NodeJS.ErrnoException) => {
          if (mkdirError.code !== 'EEXIST') throw mkdirError;
        });
        return openEntryOf(realRoot, current, segment, options);
      });
      await current.handle.close();
      current = next;
    }
    return current;
  } catch (error) {
    await current.handle.close();
    throw error;
  }
}

/** Refuses a regular file with more than one hard link: another link may sit outside the workspace. */
export function refuseHardLinked(entry: WorkspaceEntry, shownPath: string, action = 'read'): void {
  if (entry.info.isFile() && entry.info.nlink > 1) {
    throw new SandboxError(
      'hard_link',
      shownPath,
      `Refusing to ${action} ${shownPath}: it has ${entry.info.nlink} hard links, so its content may belong to a ` +
        'file outside the workspace; copy the file into the workspace instead of linking it',
    );
  }
}

async function openVerified(
  realRoot: string,
  openPath: string,
  shownPath: string,
  options: OpenInWorkspaceOptions,
): Promise<WorkspaceEntry> {
  const requested = options.requestedPath;
  let handle: FileHandle;
  try {
    handle = await open(openPath, OPEN_FLAGS | (options.directory ? constants.O_DIRECTORY : 0));
  } catch (error) {
    throw openError(error, requested, options.directory === true);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile() && !info.isDirectory()) {
      throw new SandboxError(
        'special_file',
        requested,
        `Refusing ${requested}: it is a device, socket or pipe, not a regular file`,
      );
    }
    const realPath = await realPathOf(handle, info, shownPath, requested);
    if (!isInside(realRoot, realPath)) {
      throw new SandboxError(
        'path_outside_workspace',
        requested,
        `Refusing ${requested}: it changed while being opened and now leads outside the workspace`,
      );
    }
    if (options.forWrite && isInGitDirectory(realRoot, realPath)) {
      throw new SandboxError('path_protected', requested, `Refusing to write inside .git: ${requested}`);
    }
    return { handle, info, realPath };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function realPathOf(handle: FileHandle, info: Stats, shownPath: string, requested: string): Promise<string> {
  if (supportsDescriptorPaths()) {
    const realPath = await descriptorRealPath(handle);
    if (realPath === undefined) {
      throw new SandboxError('path_not_found', requested, `${requested} was deleted while being opened`);
    }
    return realPath;
  }
  const realPath = await realpath(shownPath);
  const current = await stat(realPath);
  if (current.dev !== info.dev || current.ino !== info.ino) {
    throw new SandboxError('path_changed', requested, `Refusing ${requested}: it changed while being opened`);
  }
  return realPath;
}

function openError(error: unknown, requested: string, directory: boolean): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') {
    return new SandboxError('path_not_found', requested, `No such file or directory in the workspace: ${requested}`, {
      cause: error,
    });
  }
  if (code === 'ELOOP' || (code === 'ENOTDIR' && directory)) {
    return new SandboxError(
      'path_changed',
      requested,
      `Refusing ${requested}: it changed while being opened (it is now a symbolic link${directory ? ' or not a directory' : ''})`,
      { cause: error },
    );
  }
  if (code === 'ENXIO') {
    return new SandboxError('special_file', requested, `Refusing ${requested}: it is a device, socket or pipe`, {
      cause: error,
    });
  }
  return error;
}
