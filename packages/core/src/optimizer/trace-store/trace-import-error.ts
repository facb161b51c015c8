import { AIMEError } from '../../errors/aime-error';

export interface BadTraceLine {
  /** 1-based line number in the file. */
  line: number;
  reason: string;
}

/** A trace file to import has lines that are not records: nothing was imported. */
export class TraceImportError extends AIMEError {
  readonly badLines: BadTraceLine[];

  constructor(source: string, badLines: BadTraceLine[], totalBad: number) {
    const listed = badLines.map((bad) => `line ${bad.line}: ${bad.reason}`).join('; ');
    const more = totalBad > badLines.length ? ` (and ${totalBad - badLines.length} more)` : '';
    super(
      'trace_import_invalid',
      `${source}: ${totalBad} line(s) are not trace records, nothing imported — ${listed}${more}`,
      { isUserError: true },
    );
    this.badLines = badLines;
  }
}
