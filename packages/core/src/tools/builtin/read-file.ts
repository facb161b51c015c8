import type { FileHandle } from 'node:fs/promises';
import { z } from 'zod';
import { ToolError } from '../tool-error';
import type { Tool } from '../types';
import { openInWorkspace, refuseHardLinked } from '../workspace/open-in-workspace';
import { resolveInWorkspace, toWorkspaceRelative, workspaceRealRoot } from '../workspace/resolve-in-workspace';
import { formatBytes } from './format-bytes';
import { looksBinary } from './is-binary';

export const READ_FILE_MAX_BYTES = 256 * 1024;
const DEFAULT_LINE_LIMIT = 2000;
const LONG_LINE_BYTES = READ_FILE_MAX_BYTES - 1;

export const readFileParameters = z.object({
  path: z.string().describe('File path relative to the workspace root'),
  offset: z.number().int().min(1).optional().describe('First line to return (1-based, default 1)'),
  limit: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .optional()
    .describe(`Maximum number of lines (default ${DEFAULT_LINE_LIMIT})`),
});
export type ReadFileArguments = z.infer<typeof readFileParameters>;

/** Reads a UTF-8 text file inside the workspace, at most 256 KiB per call, saying when it stopped early. */
export const readFileTool: Tool<ReadFileArguments> = {
  name: 'read_file',
  description:
    'Read a text file inside the workspace. Returns up to 256 KiB (use offset/limit, in lines, for larger files); ' +
    'binary files are refused.',
  parameters: readFileParameters,
  async execute(args, context) {
    const absolute = await resolveInWorkspace(context.workspaceRoot, args.path, { mustExist: true });
    const relativePath = await toWorkspaceRelative(context.workspaceRoot, absolute);
    const realRoot = await workspaceRealRoot(context.workspaceRoot);
    const entry = await openInWorkspace(realRoot, absolute, { requestedPath: args.path });
    const { handle, info } = entry;
    try {
      if (info.isDirectory()) {
        throw new ToolError('not_a_file', `${relativePath} is a directory; use list_dir to see its entries`);
      }
      refuseHardLinked(entry, relativePath);
      const offset = args.offset ?? 1;
      const limit = args.limit ?? DEFAULT_LINE_LIMIT;
      const slice = await readLines(handle, offset, limit, context.signal);
      if (slice.binary) {
        throw new ToolError(
          'binary_file',
          `${relativePath} looks like a binary file (${formatBytes(info.size)}); read_file only reads text`,
        );
      }
      const notes: string[] = [];
      if (info.size === 0) notes.push(`${relativePath} is empty`);
      else if (slice.lines.length === 0)
        notes.push(`${relativePath} has ${slice.totalLinesSeen} lines; offset ${offset} is past the end`);
      if (slice.stoppedAt !== undefined) {
        const reason = slice.byteCapHit ? `the ${formatBytes(READ_FILE_MAX_BYTES)} cap` : `the limit of ${limit} lines`;
        notes.push(
          `[truncated at ${reason}: showed lines ${offset}-${slice.stoppedAt - 1} of ${relativePath}; ` +
            `call read_file with offset=${slice.stoppedAt} to continue]`,
        );
      }
      const body = slice.lines.join('\n');
      const output = notes.length === 0 ? body : `${body}${body ? '\n' : ''}${notes.join('\n')}`;
      return { output, references: [relativePath] };
    } finally {
      await handle.close();
    }
  },
};

interface LineSlice {
  lines: string[];
  binary: boolean;
  /** Set when there is more to read: the line number to continue from. */
  stoppedAt?: number;
  byteCapHit: boolean;
  totalLinesSeen: number;
}

async function readLines(handle: FileHandle, offset: number, limit: number, signal: AbortSignal): Promise<LineSlice> {
  const chunkSize = 64 * 1024;
  const buffer = Buffer.alloc(chunkSize);
  const lines: string[] = [];
  let pending = Buffer.alloc(0);
  let lineNumber = 0;
  let bytesKept = 0;
  let position = 0;
  let first = true;
  const decoder = new TextDecoder('utf-8');
  for (;;) {
    signal.throwIfAborted();
    const { bytesRead } = await handle.read(buffer, 0, chunkSize, position);
    if (first) {
      first = false;
      if (looksBinary(buffer.subarray(0, bytesRead)))
        return { lines, binary: true, byteCapHit: false, totalLinesSeen: 0 };
    }
    const endOfFile = bytesRead === 0;
    position += bytesRead;
    pending = Buffer.concat([pending, buffer.subarray(0, bytesRead)]);
    let newline = pending.indexOf(10);
    // A line longer than the cap is split into cap-sized pieces so that memory stays bounded.
    while (newline >= 0 || pending.length >= LONG_LINE_BYTES || (endOfFile && pending.length > 0)) {
      const end = newline >= 0 && newline < LONG_LINE_BYTES ? newline : Math.min(pending.length, LONG_LINE_BYTES);
      const split = !(newline >= 0 && newline < LONG_LINE_BYTES) && pending.length >= LONG_LINE_BYTES;
      const raw = pending.subarray(0, end);
      pending = pending.subarray(split || newline < 0 ? end : end + 1);
      lineNumber += 1;
      if (lineNumber >= offset) {
        if (lines.length >= limit)
          return { lines, binary: false, stoppedAt: lineNumber, byteCapHit: false, totalLinesSeen: lineNumber };
        if (bytesKept + raw.length + 1 > READ_FILE_MAX_BYTES) {
          return { lines, binary: false, stoppedAt: lineNumber, byteCapHit: true, totalLinesSeen: lineNumber };
        }
        bytesKept += raw.length + 1;
        lines.push(decoder.decode(raw, { stream: split }).replace(/\r$/, ''));
      }
      newline = pending.indexOf(10);
    }
    if (endOfFile) return { lines, binary: false, byteCapHit: false, totalLinesSeen: lineNumber };
  }
}
