/** A markdown table: one header row, then rows of already-formatted cells. */
export interface BenchTable {
  title: string;
  columns: string[];
  rows: string[][];
}

/** What a benchmark returns; the harness writes it as JSON and renders the tables as markdown. */
export interface BenchReport {
  name: string;
  description: string;
  /** The settings the numbers were measured with (budget, seeds, sizes …). */
  parameters: Record<string, unknown>;
  tables: BenchTable[];
  /** Raw measurements, for plots and later comparison. */
  data: unknown;
  /** Observations worth reading next to the tables. */
  notes?: string[];
}

export interface BenchContext {
  /** `--key value` and `--flag` options after the benchmark name. */
  flags: Record<string, string | boolean>;
  /** True with `--smoke`: a tiny, fast variant that only proves the benchmark still works. */
  smoke: boolean;
}

/** The default export of `bench/<name>/index.ts`. */
export interface Benchmark {
  name: string;
  description: string;
  run(context: BenchContext): Promise<BenchReport>;
}
