import { type BadTraceLine, TraceImportError } from './trace-import-error';
import type { GEPATraceLog } from './trace-log';
import { checkTraceRecord, type TraceRecord, traceDecisionSchema, traceExampleSchema } from './trace-record';

/** Bad lines named in an import error (the count of the rest follows). */
const LISTED_BAD_LINES = 10;
const DEFAULT_BATCH_SIZE = 1000;

export interface TraceTransferProgress {
  done: number;
  total: number;
}

export interface ImportTracesOptions {
  /** Records appended per step (one transaction in PostgreSQL). */
  batchSize?: number;
  onProgress?(progress: TraceTransferProgress): void;
}

/**
 * The records of a JSON-lines trace file (ours or the Python reference's: `prompt`, `response`,
 * `score` as a number or boolean, `new_prompt`, `observation`). Blank lines are skipped; any other
 * line that is not a record makes it a TraceImportError naming the lines — all or nothing.
 */
export function parseTraceLines(text: string, source: string): TraceRecord[] {
  const records: TraceRecord[] = [];
  const bad: BadTraceLine[] = [];
  let totalBad = 0;
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim().length === 0) continue;
    const parsed = parseLine(line);
    if ('record' in parsed) {
      records.push(parsed.record);
      continue;
    }
    totalBad += 1;
    if (bad.length < LISTED_BAD_LINES) bad.push({ line: index + 1, reason: parsed.reason });
  }
  if (totalBad > 0) throw new TraceImportError(source, bad, totalBad);
  return records;
}

/**
 * Appends a trace file's records to a log (after those already there), in batches with progress.
 * The file is validated first: a bad line imports nothing.
 */
export async function importTraces(
  text: string,
  source: string,
  log: GEPATraceLog,
  options: ImportTracesOptions = {},
): Promise<{ records: number }> {
  const records = parseTraceLines(text, source);
  const batchSize = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  for (let start = 0; start < records.length; start += batchSize) {
    const batch = records.slice(start, start + batchSize);
    await log.update(async () => ({ records: batch, result: undefined }));
    options.onProgress?.({ done: start + batch.length, total: records.length });
  }
  return { records: records.length };
}

/** Every record of a log as JSON lines (newline-terminated), fields in the trace file's order. */
export async function exportTraces(log: GEPATraceLog): Promise<string[]> {
  const { records } = await log.load();
  return records.map((record) => `${JSON.stringify(orderedRecord(record))}\n`);
}

/** The Python reference's fields first, then ours in schema order, then unknown ones (PostgreSQL's jsonb reorders keys). */
function orderedRecord(record: TraceRecord): Record<string, unknown> {
  const schemaKeys = Object.keys(record.kind === 'decision' ? traceDecisionSchema.shape : traceExampleSchema.shape);
  const ordered: Record<string, unknown> = {};
  for (const key of schemaKeys) if (key in record) ordered[key] = (record as Record<string, unknown>)[key];
  for (const [key, value] of Object.entries(record)) if (!(key in ordered)) ordered[key] = value;
  return ordered;
}

function parseLine(line: string): { record: TraceRecord } | { reason: string } {
  try {
    return checkTraceRecord(JSON.parse(line));
  } catch (error) {
    return { reason: `not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
}
