import { constants } from 'node:fs';
import { type FileHandle, mkdir, open, readdir, rename, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { EventSequenceError } from '../errors/event-sequence-error';
import { KeyedChain } from './keyed-chain';
import { parseRunLogLine, type RunLogRecord } from './run-log-record';
import { isValidRunId, type RunRecords, type RunStore } from './run-store';

export interface RunLogContents extends RunRecords {
  /** Byte length of the complete lines; less than the file size when the last line is torn. */
  validLength: number;
  fileLength: number;
  /** The last line is a whole record but its newline was never written. */
  missingNewline: boolean;
}

/**
 * Append-only JSON-lines run logs in `<tracesDir>/runs/<runId>.jsonl`. Appends to one file are
 * serialised (one write per record, in call order); `flush()` waits for every pending write.
 * A retained log (a running run's) keeps one append handle open until `release` or `close`;
 * other appends open, write and close the file. Every record is handed to the OS by one write as
 * soon as its turn comes, so a killed process loses at most a torn last line.
 */
export class FileRunStore implements RunStore {
  readonly directory: string;
  private readonly writes = new KeyedChain();
  /** Per run: the seq of its last stored record (-1: nothing stored), read from the log on first append. */
  private readonly lastSeqs = new Map<string, number>();
  private readonly retained = new Set<string>();
  private readonly handles = new Map<string, FileHandle>();
  /** `*.jsonl` entries of the last listing that are not regular files (directories, FIFOs …): skipped. */
  ignoredEntries: string[] = [];

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

  /** Append handles currently open. */
  get openHandleCount(): number {
    return this.handles.size;
  }

  /** Keeps the run's log open for appends (opened by the next append) until `release`. */
  retain(runId: string): void {
    this.pathOf(runId);
    this.retained.add(runId);
  }

  /** Closes the run's append handle once the appends queued before this call are written. */
  release(runId: string): Promise<void> {
    this.retained.delete(runId);
    return this.writes.run(runId, async () => {
      this.lastSeqs.delete(runId);
      await this.closeHandle(runId);
    });
  }

  /**
   * Appends one record as a line; resolves when it is written. Writes to one file never interleave.
   * A record whose seq is not the next one is refused with EventSequenceError.
   */
  async append(runId: string, record: RunLogRecord): Promise<void> {
    const line = Buffer.from(`${JSON.stringify(record)}\n`);
    const path = this.pathOf(runId);
    return this.writes.run(runId, async () => {
      const lastSeq = this.lastSeqs.get(runId) ?? (await this.lastStoredSeq(runId));
      // The queued record opens a log; an event follows the last record (a log may lack the queued one).
      const expected = record.type === 'run-queued' ? 0 : Math.max(lastSeq, 0) + 1;
      if (record.seq !== expected || (record.type === 'run-queued' && lastSeq !== -1)) {
        this.lastSeqs.set(runId, lastSeq);
        throw new EventSequenceError(runId, record.seq, expected);
      }
      if (this.retained.has(runId)) await this.appendRetained(runId, path, line);
      else await appendLine(path, line);
      this.lastSeqs.set(runId, record.seq);
    });
  }

  async flush(): Promise<void> {
    while (this.writes.size > 0) await this.writes.allSettled();
  }

  /** Waits for every pending write, then closes every append handle (shutdown). */
  async close(): Promise<void> {
    this.retained.clear();
    await this.flush();
    const runIds = [...this.handles.keys()];
    await Promise.all(runIds.map((runId) => this.closeHandle(runId)));
  }

  async listRunIds(): Promise<string[]> {
    const entries = await readdir(this.directory, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    const logs = entries.filter((entry) => entry.name.endsWith('.jsonl'));
    this.ignoredEntries = logs.filter((entry) => !entry.isFile()).map((entry) => join(this.directory, entry.name));
    return logs
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name.slice(0, -'.jsonl'.length))
      .filter(isValidRunId);
  }

  /**
   * The run's log; none when it does not exist. Opened non-blocking and checked with fstat, so a
   * FIFO or directory in its place is an error naming the file, not a hang or a bare EISDIR.
   */
  async read(runId: string): Promise<RunLogContents> {
    const path = this.pathOf(runId);
    const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return parseRunLog(Buffer.alloc(0));
    try {
      if (!(await handle.stat()).isFile()) throw new Error(`${path} is not a regular file`);
      return parseRunLog(await handle.readFile());
    } finally {
      await handle.close();
    }
  }

  /**
   * Replaces a log that broke the protocol by the records worth keeping; the original is kept next
   * to it as `<runId>.jsonl.corrupt-<time>` (not listed as a run). Returns the kept copy's path.
   */
  async quarantine(runId: string, records: RunLogRecord[]): Promise<string> {
    const path = this.pathOf(runId);
    const kept = `${path}.corrupt-${Date.now()}`;
    const temporary = `${path}.repair-tmp`;
    await writeFile(temporary, records.map((record) => `${JSON.stringify(record)}\n`).join(''));
    await rename(path, kept);
    await rename(temporary, path);
    this.lastSeqs.delete(runId);
    return kept;
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
    if (contents.missingNewline) await appendLine(this.pathOf(runId), Buffer.from('\n'));
    else if (contents.validLength < contents.fileLength) await truncate(this.pathOf(runId), contents.validLength);
    this.lastSeqs.delete(runId);
  }

  private async lastStoredSeq(runId: string): Promise<number> {
    const { records } = await this.read(runId);
    return records.at(-1)?.seq ?? -1;
  }

  private async appendRetained(runId: string, path: string, line: Buffer): Promise<void> {
    let handle = this.handles.get(runId);
    if (!handle) {
      handle = await open(path, 'a');
      this.handles.set(runId, handle);
    }
    try {
      await writeAll(handle, line);
    } catch (error) {
      // A failed handle is not reused: the next append opens the file again.
      await this.closeHandle(runId);
      throw error;
    }
  }

  private async closeHandle(runId: string): Promise<void> {
    const handle = this.handles.get(runId);
    if (!handle) return;
    this.handles.delete(runId);
    await handle.close().catch(() => undefined);
  }
}

async function appendLine(path: string, line: Buffer): Promise<void> {
  const handle = await open(path, 'a');
  try {
    await writeAll(handle, line);
  } finally {
    await handle.close();
  }
}

/** Writes the whole buffer (a write to a regular file may in principle be partial). */
async function writeAll(handle: FileHandle, data: Buffer): Promise<void> {
  let offset = 0;
  while (offset < data.length) {
    const { bytesWritten } = await handle.write(data, offset, data.length - offset);
    if (bytesWritten === 0) throw new Error('run log write made no progress');
    offset += bytesWritten;
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
