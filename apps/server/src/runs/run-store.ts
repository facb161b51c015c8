import { mkdir, open, readdir, readFile, truncate } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { parseRunLogLine, type RunLogRecord } from './run-log-record';

export interface RunLogContents {
  records: RunLogRecord[];
  /** Byte length of the complete lines; less than the file size when the last line is torn. */
  validLength: number;
  fileLength: number;
  /** The last line is a whole record but its newline was never written. */
  missingNewline: boolean;
  /** Lines that did not parse (a torn last line counts here too). */
  skippedLines: number;
}

/** The longest run id (also the router's path-parameter limit, so every valid id is routable). */
export const MAX_RUN_ID_LENGTH = 128;
const RUN_ID_PATTERN = new RegExp(`^[A-Za-z0-9][A-Za-z0-9_.-]{0,${MAX_RUN_ID_LENGTH - 1}}$`);

/** A run id usable as a file name: letters, digits, `_`, `-`, `.`, not starting with a dot. */
export function isValidRunId(runId: string): boolean {
  return RUN_ID_PATTERN.test(runId) && !runId.includes('..');
}

/**
 * Append-only JSON-lines run logs in `<tracesDir>/runs/<runId>.jsonl`. Appends to one file are
 * serialised (one write per record, in call order); `flush()` waits for every pending write.
 */
export class RunStore {
  readonly directory: string;
  private readonly pending = new Map<string, Promise<void>>();

  constructor(tracesDirectory: string) {
    this.directory = join(tracesDirectory, 'runs');
  }

  async initialise(): Promise<void> {
    await mkdir(this.directory, { recursive: true });
  }

  pathOf(runId: string): string {
    if (!isValidRunId(runId)) throw new Error(`invalid run id: ${runId}`);
    return join(this.directory, `${runId}.jsonl`);
  }

  /** Appends one record as a line; resolves when it is written. Writes to one file never interleave. */
  append(runId: string, record: RunLogRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const path = this.pathOf(runId);
    const previous = this.pending.get(runId) ?? Promise.resolve();
    const write = previous.then(() => appendLine(path, line));
    const tracked = write.catch(() => undefined);
    this.pending.set(runId, tracked);
    void tracked.then(() => {
      if (this.pending.get(runId) === tracked) this.pending.delete(runId);
    });
    return write;
  }

  async flush(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending.values()]);
  }

  async listRunIds(): Promise<string[]> {
    const names = await readdir(this.directory).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    return names
      .filter((name) => name.endsWith('.jsonl'))
      .map((name) => name.slice(0, -'.jsonl'.length))
      .filter(isValidRunId);
  }

  async read(runId: string): Promise<RunLogContents> {
    const buffer = await readFile(this.pathOf(runId)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    return parseRunLog(buffer);
  }

  /** The events (seq ≥ 1) with `seq > afterSeq`, in order, at most `limit`. */
  async readEvents(runId: string, afterSeq = 0, limit = Number.POSITIVE_INFINITY): Promise<RunEvent[]> {
    const { records } = await this.read(runId);
    const events: RunEvent[] = [];
    for (const record of records) {
      if (record.type === 'run-queued' || record.seq <= afterSeq) continue;
      events.push(record);
      if (events.length >= limit) break;
    }
    return events;
  }

  /** Cuts a torn last line off (or ends a whole one) so that the next append starts on a line of its own. */
  async repairTail(runId: string, contents: RunLogContents): Promise<void> {
    if (contents.missingNewline) await appendLine(this.pathOf(runId), '\n');
    else if (contents.validLength < contents.fileLength) await truncate(this.pathOf(runId), contents.validLength);
  }
}

async function appendLine(path: string, line: string): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await handle.write(line);
  } finally {
    await handle.close();
  }
}

export function parseRunLog(buffer: Buffer): RunLogContents {
  const records: RunLogRecord[] = [];
  let skippedLines = 0;
  let start = 0;
  let validLength = 0;
  while (start < buffer.length) {
    const end = buffer.indexOf(0x0a, start);
    if (end === -1) {
      // A last line without its newline is a write cut short; keep it only if it is whole JSON.
      const record = parseRunLogLine(buffer.subarray(start).toString('utf8'));
      if (record) {
        records.push(record);
        return { records, validLength: buffer.length, fileLength: buffer.length, skippedLines, missingNewline: true };
      }
      skippedLines += 1;
      break;
    }
    const text = buffer.subarray(start, end).toString('utf8').trim();
    if (text.length > 0) {
      const record = parseRunLogLine(text);
      if (record) records.push(record);
      else skippedLines += 1;
    }
    start = end + 1;
    validLength = start;
  }
  return { records, validLength, fileLength: buffer.length, skippedLines, missingNewline: false };
}
