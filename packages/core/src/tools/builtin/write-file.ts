import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { resolveInWorkspace, toWorkspaceRelative } from '../workspace/resolve-in-workspace';
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
    const existing = await lstat(absolute).catch(() => undefined);
    if (existing?.isDirectory()) throw new ToolError('not_a_file', `${relativePath} is a directory`);
    if (existing?.isSymbolicLink()) {
      throw new ToolError('symlink_write', `Refusing to write through the symbolic link ${relativePath}`);
    }
    context.signal.throwIfAborted();
    const directory = dirname(absolute);
    await mkdir(directory, { recursive: true });
    // Re-check after mkdir: a directory created meanwhile must still resolve inside the workspace.
    const target = await resolveInWorkspace(context.workspaceRoot, args.path, { forWrite: true });

    let data = args.content;
    if (args.append && existing) {
      if (existing.size > APPEND_TARGET_MAX_BYTES) {
        throw new ToolError(
          'file_too_large',
          `${relativePath} is larger than ${formatBytes(APPEND_TARGET_MAX_BYTES)}; cannot append`,
        );
      }
      const current = await readFile(target);
      if (looksBinary(current))
        throw new ToolError('binary_file', `${relativePath} is a binary file; cannot append text`);
      data = current.toString('utf8') + args.content;
    }
    const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.aime-tmp`);
    const mode = existing ? existing.mode & 0o777 : 0o644;
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
      await rename(temporary, target);
    } catch (error) {
      await rm(temporary, { force: true });
      throw error;
    }
    const verb = args.append && existing ? 'Appended' : existing ? 'Replaced' : 'Created';
    return {
      output: `${verb} ${relativePath} (${formatBytes(size)} written${args.append && existing ? `, file is now ${formatBytes(Buffer.byteLength(data))}` : ''})`,
      references: [relativePath],
    };
  },
};
