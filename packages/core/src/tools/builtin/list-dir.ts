import type { Dirent } from 'node:fs';
import { lstat, readdir } from 'node:fs/promises';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { entryPath, openEntryOf, openInWorkspace, type WorkspaceEntry } from '../workspace/open-in-workspace';
import { resolveInWorkspace, toWorkspaceRelative, workspaceRealRoot } from '../workspace/resolve-in-workspace';
import { formatBytes } from './format-bytes';

export const LIST_DIR_MAX_ENTRIES = 500;
/** Directories never descended into (they are listed, marked as skipped). */
export const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);

export const listDirParameters = z.object({
  path: z.string().optional().describe('Directory relative to the workspace root (default: the root)'),
  depth: z.number().int().min(1).max(3).optional().describe('How many levels to list (1-3, default 1)'),
  includeHidden: z.boolean().optional().describe('Include entries whose name starts with "." (default false)'),
});
export type ListDirArguments = z.infer<typeof listDirParameters>;

/**
 * Lists a workspace directory: one entry per line, `[dir] name/` or `[file] name (size)`, nested
 * entries indented. node_modules and .git are shown but never descended into. At most 500 entries.
 */
export const listDirTool: Tool<ListDirArguments> = {
  name: 'list_dir',
  description:
    'List a directory inside the workspace (entries with type and size). depth 1-3; hidden entries, ' +
    'node_modules and .git contents are skipped unless includeHidden.',
  parameters: listDirParameters,
  async execute(args, context) {
    const requested = args.path?.trim() || '.';
    const absolute = await resolveInWorkspace(context.workspaceRoot, requested, { mustExist: true });
    const relativePath = await toWorkspaceRelative(context.workspaceRoot, absolute);
    const info = await lstat(absolute);
    if (!info.isDirectory()) {
      throw new ToolError('not_a_directory', `${relativePath} is a file, not a directory; use read_file to read it`);
    }
    const realRoot = await workspaceRealRoot(context.workspaceRoot);
    const options = { requestedPath: requested, directory: true };
    const depth = args.depth ?? 1;
    const lines: string[] = [];
    let count = 0;
    let truncated = false;
    // Every directory is opened, checked to be inside the workspace, then read through its descriptor.
    const visit = async (directory: WorkspaceEntry, level: number): Promise<void> => {
      context.signal.throwIfAborted();
      const entries = sortEntries(await readdir(entryPath(directory), { withFileTypes: true }));
      for (const entry of entries) {
        if (!args.includeHidden && entry.name.startsWith('.')) continue;
        if (count >= LIST_DIR_MAX_ENTRIES) {
          truncated = true;
          return;
        }
        count += 1;
        const indent = '  '.repeat(level);
        const full = entryPath(directory, entry.name);
        if (entry.isDirectory()) {
          const skipped = SKIPPED_DIRECTORIES.has(entry.name);
          lines.push(`${indent}[dir] ${entry.name}/${skipped && level + 1 < depth ? ' (contents skipped)' : ''}`);
          if (!skipped && level + 1 < depth) {
            const child = await openEntryOf(realRoot, directory, entry.name, options).catch(() => undefined);
            if (child === undefined) lines.push(`${indent}  (changed while listing; not shown)`);
            else await visit(child, level + 1).finally(() => child.handle.close());
          }
        } else if (entry.isSymbolicLink()) {
          lines.push(`${indent}[link] ${entry.name}`);
        } else if (entry.isFile()) {
          const size = await lstat(full).then(
            (stats) => stats.size,
            () => undefined,
          );
          lines.push(`${indent}[file] ${entry.name}${size === undefined ? '' : ` (${formatBytes(size)})`}`);
        } else {
          lines.push(`${indent}[other] ${entry.name}`);
        }
      }
    };
    const top = await openInWorkspace(realRoot, absolute, options);
    await visit(top, 0).finally(() => top.handle.close());
    const header = `Directory ${relativePath} (${count} ${count === 1 ? 'entry' : 'entries'}${depth > 1 ? `, depth ${depth}` : ''}):`;
    const footer = truncated ? [`[truncated at ${LIST_DIR_MAX_ENTRIES} entries; list a subdirectory to see more]`] : [];
    const body = lines.length === 0 ? ['(empty)'] : lines;
    return { output: [header, ...body, ...footer].join('\n'), references: [relativePath] };
  },
};

/** Directories first, then files, each alphabetical. */
function sortEntries(entries: Dirent[]): Dirent[] {
  return [...entries].sort((left, right) => {
    const leftDirectory = left.isDirectory() ? 0 : 1;
    const rightDirectory = right.isDirectory() ? 0 : 1;
    if (leftDirectory !== rightDirectory) return leftDirectory - rightDirectory;
    return compareNames(left.name, right.name);
  });
}

/** Case-insensitive, then by code point: the same order on every machine and locale. */
export function compareNames(left: string, right: string): number {
  const leftLower = left.toLowerCase();
  const rightLower = right.toLowerCase();
  if (leftLower !== rightLower) return leftLower < rightLower ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}
