import { stat } from 'node:fs/promises';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { resolveInWorkspace, toWorkspaceRelative, workspaceRealRoot } from '../workspace/resolve-in-workspace';
import { compileGlob } from './glob-matcher';
import { SEARCH_MAX_FILES, walkTextFiles } from './walk-text-files';

const MAX_LINE_CHARS = 200;

export const searchFilesParameters = z.object({
  query: z.string().min(1).max(500).describe('Plain text to find (case-insensitive, not a regex)'),
  path: z.string().optional().describe('Directory to search, relative to the workspace root (default: the root)'),
  glob: z.string().max(200).optional().describe('Only files matching this glob, e.g. "*.md" or "src/**/*.ts"'),
  maxResults: z.number().int().min(1).max(200).optional().describe('Maximum matching lines (default 50)'),
});
export type SearchFilesArguments = z.infer<typeof searchFilesParameters>;

/** Plain-text search through the workspace's text files; results as `path:line: text`. */
export const searchFilesTool: Tool<SearchFilesArguments> = {
  name: 'search_files',
  description:
    'Search workspace text files for a plain-text query (case-insensitive). Returns matching lines as ' +
    '"path:line: text". Skips hidden files, node_modules, .git, binaries and files over 1 MiB.',
  parameters: searchFilesParameters,
  async execute(args, context) {
    const directory = await resolveInWorkspace(context.workspaceRoot, args.path?.trim() || '.', { mustExist: true });
    const base = await toWorkspaceRelative(context.workspaceRoot, directory);
    if (!(await stat(directory)).isDirectory()) {
      throw new ToolError('not_a_directory', `${base} is a file; search_files searches a directory (use read_file)`);
    }
    const maxResults = args.maxResults ?? 50;
    const needle = args.query.toLowerCase();
    const accept = args.glob ? compileGlob(args.glob) : undefined;
    const results: string[] = [];
    const files = new Set<string>();
    const realRoot = await workspaceRealRoot(context.workspaceRoot);
    const walker = walkTextFiles(directory, { signal: context.signal, realRoot, accept });
    let step = await walker.next();
    let hitResultLimit = false;
    while (!step.done) {
      const file = step.value;
      const shown = base === '.' ? file.relativePath : `${base}/${file.relativePath}`;
      const lines = file.text.split('\n');
      for (let index = 0; index < lines.length; index += 1) {
        const line = lines[index] as string;
        if (!line.toLowerCase().includes(needle)) continue;
        if (results.length >= maxResults) {
          hitResultLimit = true;
          break;
        }
        results.push(`${shown}:${index + 1}: ${clip(line.trim())}`);
        files.add(shown);
      }
      if (hitResultLimit) {
        await walker.return({ filesExamined: 0, limitHit: false, hardLinked: [] });
        break;
      }
      step = await walker.next();
    }
    const summary = step.done ? step.value : undefined;
    const notes: string[] = [];
    if (hitResultLimit) notes.push(`[stopped at ${maxResults} results; narrow the query, path or glob]`);
    if (summary?.limitHit) notes.push(`[stopped after examining ${SEARCH_MAX_FILES} files]`);
    if (summary && summary.hardLinked.length > 0) notes.push(hardLinkNote(summary.hardLinked, base));
    const header =
      results.length === 0
        ? `No matches for "${args.query}" in ${base}${args.glob ? ` (glob ${args.glob})` : ''}`
        : `${results.length} ${results.length === 1 ? 'match' : 'matches'} for "${args.query}" in ${files.size} ${files.size === 1 ? 'file' : 'files'}:`;
    return { output: [header, ...results, ...notes].join('\n'), references: [...files] };
  },
};

/** Hard-linked files may be outside files in disguise: they are not searched, and the model is told. */
function hardLinkNote(hardLinked: string[], base: string): string {
  const shown = hardLinked.slice(0, 5).map((path) => (base === '.' ? path : `${base}/${path}`));
  const more = hardLinked.length > shown.length ? ` and ${hardLinked.length - shown.length} more` : '';
  return `[not searched: ${shown.join(', ')}${more} (more than one hard link; copy the file to search it)]`;
}

function clip(text: string): string {
  return text.length <= MAX_LINE_CHARS ? text : `${text.slice(0, MAX_LINE_CHARS - 1)}…`;
}
