import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { resolveInWorkspace, toWorkspaceRelative, workspaceRealRoot } from '../workspace/resolve-in-workspace';
import { compileGlob } from './glob-matcher';
import { slicer, walkWorkspaceDirectories } from './walk-workspace-directories';

/** Most files looked at by one call; beyond it the count is a lower bound and says so. */
export const FIND_FILES_MAX_FILES = 20_000;
/** Paths shown by default, and at most. */
export const FIND_FILES_DEFAULT_SHOWN = 100;
export const FIND_FILES_MAX_SHOWN = 500;
/** Folders never walked when counting: dependencies, git internals, build output. Hidden entries are skipped too. */
export const FIND_FILES_SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(['node_modules', '.git', 'dist']);
const MAX_FOLDERS_SHOWN = 20;

export const findFilesParameters = z.object({
  path: z.string().optional().describe('Directory to walk, relative to the workspace root (default: the root)'),
  glob: z
    .string()
    .max(200)
    .optional()
    .describe('Only files matching this glob, e.g. "*.md", "**/*.{ts,tsx}" or "**/package.json" (default: all)'),
  maxResults: z
    .number()
    .int()
    .min(0)
    .max(FIND_FILES_MAX_SHOWN)
    .optional()
    .describe(
      `Paths to show (default ${FIND_FILES_DEFAULT_SHOWN}, 0 for the count only); the count is always complete`,
    ),
});
export type FindFilesArguments = z.infer<typeof findFilesParameters>;

/**
 * Walks a workspace folder recursively and counts the files matching a glob: the exact total, the
 * count per sub-folder, and the first matching paths. Says what it did not walk (hidden entries,
 * symlinks, node_modules, .git, dist), so a count is never a sample of a listing.
 */
export const findFilesTool: Tool<FindFilesArguments> = {
  name: 'find_files',
  description:
    'Find and count files recursively inside the workspace, optionally matching a glob ("**/*.ts", "*.md", ' +
    '"**/package.json"). Returns the exact count, counts per sub-folder and the first paths. Skips hidden ' +
    'entries, symlinks, node_modules, .git and dist.',
  parameters: findFilesParameters,
  async execute(args, context) {
    const directory = await resolveInWorkspace(context.workspaceRoot, args.path?.trim() || '.', { mustExist: true });
    const base = await toWorkspaceRelative(context.workspaceRoot, directory);
    if (!(await stat(directory)).isDirectory()) {
      throw new ToolError('not_a_directory', `${base} is a file; find_files walks a directory (use read_file)`);
    }
    const accept = args.glob ? compileGlob(args.glob) : () => true;
    const shownLimit = args.maxResults ?? FIND_FILES_DEFAULT_SHOWN;
    const realRoot = await workspaceRealRoot(context.workspaceRoot);
    const pause = slicer(context.signal);
    const matches: string[] = [];
    const byFolder = new Map<string, number>();
    let examined = 0;
    let folders = 0;
    let limitHit = false;
    const walk = walkWorkspaceDirectories(directory, {
      signal: context.signal,
      realRoot,
      skipDirectories: FIND_FILES_SKIPPED_DIRECTORIES,
    });
    walking: for await (const current of walk) {
      folders += 1;
      for (const name of current.files) {
        await pause();
        if (examined >= FIND_FILES_MAX_FILES) {
          limitHit = true;
          break walking;
        }
        examined += 1;
        const relative = current.relative ? `${current.relative}/${name}` : name;
        if (!accept(relative)) continue;
        const folder = current.relative ? `${current.relative.split('/')[0]}/` : '(top level)';
        byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
        matches.push(base === '.' ? relative : `${base}/${relative}`);
      }
    }
    const what = args.glob ? ` matching "${args.glob}"` : '';
    const count = `${limitHit ? 'at least ' : ''}${matches.length} ${matches.length === 1 ? 'file' : 'files'}`;
    const lines = [
      `Found ${count}${what} in ${base} (${folders} ${folders === 1 ? 'folder' : 'folders'} walked; ` +
        `not counted: hidden entries, symlinks, and anything inside node_modules/, .git/ or dist/)`,
    ];
    if (byFolder.size > 0) lines.push(`By folder: ${describeFolders(byFolder)}`);
    lines.push(...matches.slice(0, shownLimit));
    if (matches.length > shownLimit && shownLimit > 0) {
      lines.push(
        `[showing ${shownLimit} of ${matches.length}; use maxResults (up to ${FIND_FILES_MAX_SHOWN}), a path or a glob to see others]`,
      );
    }
    if (limitHit)
      lines.push(`[stopped after examining ${FIND_FILES_MAX_FILES} files; count a sub-folder for an exact number]`);
    return { output: lines.join('\n'), references: [base] };
  },
};

/** "packages/ 40, apps/ 12, (top level) 2": largest first, then by name. */
function describeFolders(byFolder: Map<string, number>): string {
  const sorted = [...byFolder.entries()].sort((left, right) => right[1] - left[1] || (left[0] < right[0] ? -1 : 1));
  const shown = sorted.slice(0, MAX_FOLDERS_SHOWN).map(([folder, count]) => `${folder} ${count}`);
  const more = sorted.length - shown.length;
  return `${shown.join(', ')}${more > 0 ? `, and ${more} more folders` : ''}`;
}
