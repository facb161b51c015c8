import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { ConfigError } from '../../errors/config-error';
import type { GEPATraceLog, LoadedTraces, TraceCatchUp, TraceLogStep, TraceRecordInput } from './trace-log';
import { parseTraceRecord, type TraceRecord } from './trace-record';

/** Where the store reports skipped lines (default: console.warn). */
export interface TraceLogger {
  warn(message: string): void;
}

export interface TraceStoreOptions {
  logger?: TraceLogger;
}

/**
 * The JSON-lines trace file (`traces/gepa_history.jsonl`). Appends are serialised in-process and
 * each append is one `write` of complete lines on a file opened with O_APPEND, so several
 * stores — in this process or in others — append whole lines that never interleave. Loading skips
 * a torn last line (a writer died mid-line) and corrupt lines with a warning.
 */
export class TraceStore implements GEPATraceLog {
  readonly path: string;
  readonly shared = false;
  private readonly logger: TraceLogger;
  private queue: Promise<void> = Promise.resolve();
  private checkedTail = false;

  constructor(path: string, options: TraceStoreOptions = {}) {
    this.path = path;
    this.logger = options.logger ?? { warn: (message) => console.warn(message) };
  }

  get location(): string {
    return this.path;
  }

  async load(): Promise<LoadedTraces> {
    const text = await this.readText();
    if (text === undefined) return { records: [], skipped: 0 };
    const lines = text.split('\n');
    const records: TraceRecord[] = [];
    let skipped = 0;
    for (const [index, line] of lines.entries()) {
      if (line.trim().length === 0) continue;
      const record = parseLine(line);
      if (record) {
        records.push(record);
        continue;
      }
      skipped += 1;
      const torn = index === lines.length - 1;
      this.logger.warn(
        torn
          ? `${this.path}: skipped a torn last line (a writer stopped mid-record)`
          : `${this.path}:${index + 1}: skipped a line that is not a trace record`,
      );
    }
    return { records, skipped };
  }

  /**
   * The file's text; undefined when it does not exist. Opened non-blocking and checked with fstat:
   * a directory or FIFO in its place is a ConfigError naming the file, not a bare EISDIR or a hang.
   */
  private async readText(): Promise<string | undefined> {
    const handle = await open(this.path, constants.O_RDONLY | constants.O_NONBLOCK).catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    });
    if (!handle) return undefined;
    try {
      if (!(await handle.stat()).isFile()) {
        throw new ConfigError(
          `${this.path} is not a regular file (a directory, FIFO or device is in its place): ` +
            'move it away, or point trace_path in gepa_config.yaml elsewhere',
          { file: this.path },
        );
      }
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }

  /**
   * Appends the records, one line each, in a single write (one open of the file); resolves when
   * they are written. Calls are written in order.
   */
  append(...records: TraceRecordInput[]): Promise<void> {
    const lines = records.map((record) => `${JSON.stringify(record)}\n`).join('');
    const write = this.queue.then(() => this.writeLines(lines));
    this.queue = write.catch(() => undefined);
    return write;
  }

  /**
   * The file is not a shared log: this process decides alone (other processes only append), so a
   * step sees nothing new and its records are appended after it.
   */
  async update<Result>(step: (catchUp: TraceCatchUp) => Promise<TraceLogStep<Result>>): Promise<Result> {
    const { records, result } = await step({ records: [], fromStart: false });
    await this.append(...records);
    return result;
  }

  async catchUp(): Promise<void> {}

  private async writeLines(lines: string): Promise<void> {
    if (lines.length === 0) return;
    if (!this.checkedTail) {
      await mkdir(dirname(this.path), { recursive: true });
      // A torn last line must not swallow the next record: start on a fresh line.
      if (await endsMidLine(this.path)) lines = `\n${lines}`;
      this.checkedTail = true;
    }
    const handle = await open(this.path, 'a');
    try {
      const buffer = Buffer.from(lines, 'utf8');
      const { bytesWritten } = await handle.write(buffer, 0, buffer.length);
      if (bytesWritten !== buffer.length) throw new Error(`${this.path}: short write (${bytesWritten} bytes)`);
    } finally {
      await handle.close();
    }
  }
}

function parseLine(line: string): TraceRecord | undefined {
  try {
    return parseTraceRecord(JSON.parse(line));
  } catch {
    return undefined;
  }
}

async function endsMidLine(path: string): Promise<boolean> {
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    if (size === 0) return false;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  } finally {
    await handle?.close();
  }
}
