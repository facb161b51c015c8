import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { lstat, open, rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { descriptorRealPath, supportsDescriptorPaths } from '../workspace/descriptor-path';
import {
  entryPath,
  openEntryOf,
  openWritableDirectory,
  refuseHardLinked,
  type WorkspaceEntry,
} from '../workspace/open-in-workspace';
import {
  isInside,
  resolveInWorkspace,
  toWorkspaceRelative,
  workspaceRealRoot,
} from '../workspace/resolve-in-workspace';
import { SandboxError } from '../workspace/sandbox-error';
import { formatBytes } from './format-bytes';
import { looksBinary } from './is-binary';

export const WRITE_FILE_MAX_BYTES = 1024 * 1024;
/** Appending rewrites the file atomically, so the existing file is bounded too. */
export const APPEND_TARGET_MAX_BYTES = 16 * 1024 * 1024;

export const writeFileParameters = z.object({
  path: z.string().describe('File path relative to the workspace root; parent directories are created'),
  content: z.string().describe('Text to write (at most 1 MiB)'),
  append: z.boolean().optional().describe('Append to the file instead of replacing it (default false)'),
});
export type WriteFileArguments = z.infer<typeof writeFileParameters>;

/**
 * Writes a UTF-8 text file inside the workspace atomically (temporary file in the same directory,
 * then rename), creating parent directories. Refuses symlinks as the target and anything in `.git`.
 */
export const writeFileTool: Tool<WriteFileArguments> = {
  name: 'write_file',
  description:
    'Write a text file inside the workspace (at most 1 MiB; creates parent directories; replaces the file ' +
    'unless append is true).',
  parameters: writeFileParameters,
  async execute(args, context) {
    const size = Buffer.byteLength(args.content, 'utf8');
    if (size > WRITE_FILE_MAX_BYTES) {
      throw new ToolError(
        'content_too_large',
        `The content is ${formatBytes(size)}; write_file accepts at most ${formatBytes(WRITE_FILE_MAX_BYTES)} per call (use append for more)`,
      );
    }
    const absolute = await resolveInWorkspace(context.workspaceRoot, args.path, { forWrite: true });
    const relativePath = await toWorkspaceRelative(context.workspaceRoot, absolute);
    if (relativePath === '.') throw new ToolError('not_a_file', 'The workspace root is a directory, not a file');
    context.signal.throwIfAborted();
    const realRoot = await workspaceRealRoot(context.workspaceRoot);
    const parentSegments = relativePath.split('/').slice(0, -1);
    const name = basename(absolute);
    // Everything below goes through the verified descriptor of the parent directory: a directory
    // swapped for a symlink after resolveInWorkspace's check cannot move the write out.
    const directory = await openWritableDirectory(realRoot, parentSegments, args.path);
    let existing: Stats | undefined;
    let data = args.content;
    try {
      existing = await lstat(entryPath(directory, name)).catch(() => undefined);
      if (existing?.isDirectory()) throw new ToolError('not_a_file', `${relativePath} is a directory`);
      if (existing?.isSymbolicLink()) {
        throw new ToolError('symlink_write', `Refusing to write through the symbolic link ${relativePath}`);
      }
      if (existing && !existing.isFile()) {
        throw new ToolError('special_file', `Refusing ${relativePath}: it is a device, socket or pipe`);
      }
      if (args.append && existing) data = (await readForAppend(realRoot, directory, name, relativePath)) + args.content;
      await replaceAtomically(directory, name, data, existing ? existing.mode & 0o777 : 0o644);
      await checkStillInside(realRoot, directory, name, relativePath);
    } finally {
      await directory.handle.close();
    }
    const verb = args.append && existing ? 'Appended' : existing ? 'Replaced' : 'Created';
    return {
      output: `${verb} ${relativePath} (${formatBytes(size)} written${args.append && existing ? `, file is now ${formatBytes(Buffer.byteLength(data))}` : ''})`,
      references: [relativePath],
    };
  },
};

/** The current text of a file being appended to: a bounded, text, single-link regular file. */
async function readForAppend(
  realRoot: string,
  directory: WorkspaceEntry,
  name: string,
  relativePath: string,
): Promise<string> {
  const file = await openEntryOf(realRoot, directory, name, { requestedPath: relativePath });
  try {
    // Appending copies the old content into the workspace: a hard link to an outside file would leak it.
    refuseHardLinked(file, relativePath, 'append to');
    if (file.info.size > APPEND_TARGET_MAX_BYTES) {
      throw new ToolError(
        'file_too_large',
        `${relativePath} is larger than ${formatBytes(APPEND_TARGET_MAX_BYTES)}; cannot append`,
      );
    }
    const current = await file.handle.readFile();
    if (looksBinary(current))
      throw new ToolError('binary_file', `${relativePath} is a binary file; cannot append text`);
    return current.toString('utf8');
  } finally {
    await file.handle.close();
  }
}

/** Writes a temporary file in the verified directory, syncs it, then renames it over `name`. */
async function replaceAtomically(directory: WorkspaceEntry, name: string, data: string, mode: number): Promise<void> {
  const temporary = entryPath(directory, `.${name}.${randomBytes(6).toString('hex')}.aime-tmp`);
  const handle = await open(
    temporary,
    constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW,
    mode,
  );
  try {
    await handle.writeFile(data, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, entryPath(directory, name));
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/**
 * The directory was inside the workspace when opened; if it was moved out while the file was being
 * written, the file is removed again and the write reported as refused.
 */
async function checkStillInside(
  realRoot: string,
  directory: WorkspaceEntry,
  name: string,
  relativePath: string,
): Promise<void> {
  if (!supportsDescriptorPaths()) return;
  const now = await descriptorRealPath(directory.handle);
  if (now !== undefined && isInside(realRoot, now)) return;
  await rm(entryPath(directory, name), { force: true });
  throw new SandboxError(
    'path_changed',
    relativePath,
    `Refusing ${relativePath}: its directory was moved out of the workspace while the file was written`,
  );
}
