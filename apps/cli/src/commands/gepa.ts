import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ConfigError, exportTraces, type GEPATraceLog, importTraces, TraceStore } from '@gepa-aime/core';
import { type CliCommand, type CliContext, UsageError } from '../command';
import { parseCommandArgs } from '../parse-command-args';

const HELP = `Usage: aime gepa import <file.jsonl>
       aime gepa export [file]

Moves online GEPA's history in and out as a JSON-lines trace file in the seed's format (one record a
line: prompt, response, score, new_prompt, observation, then our fields; see docs/online-gepa.md).
The history is the trace file (trace_path in gepa_config.yaml), or with AIME_DATABASE_URL the
scale-out mode's PostgreSQL table aime.gepa_records shared by every worker.

  import <file.jsonl>  appends the file's records after the history's (a file the Python reference
                       wrote loads as is). Every line is checked first: if one is not a record,
                       the error names its line number and nothing is imported. Progress on stderr.
  export [file]        writes every record of the history to <file> (default: stdout).

Options:
  --config <dir>   config directory (default: <repo>/config)
  -h, --help       show this help

Examples:
  pnpm aime gepa export backup.jsonl
  AIME_DATABASE_URL=postgres://aime:secret@db:5432/aime pnpm aime gepa import backup.jsonl`;

/** Records per step; a longer file reports progress after each. */
const BATCH_SIZE = 1000;

export const gepaCommand: CliCommand = {
  summary: 'import or export the online GEPA history as a JSON-lines trace file',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('gepa', argv, {});
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const [action, file, ...rest] = positionals;
    if (rest.length > 0 || (action !== 'import' && action !== 'export') || (action === 'import' && !file)) {
      throw new UsageError(
        `expected 'aime gepa import <file.jsonl>' or 'aime gepa export [file]' (got 'aime gepa ${positionals.join(' ')}')`,
      );
    }
    const path = file === undefined ? undefined : resolve(file);
    const history = await openHistory(context);
    try {
      if (path !== undefined && path === history.log.location) {
        throw new UsageError(`${file} is the trace file itself: name another file`);
      }
      if (action === 'import') await importFile(path as string, history.log, context);
      else await exportHistory(path, history.log, context);
      return 0;
    } finally {
      await history.close();
    }
  },
};

async function importFile(path: string, log: GEPATraceLog, context: CliContext): Promise<void> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${path}: ${error.code ?? error.message}`);
  });
  const { records } = await importTraces(text, path, log, {
    batchSize: BATCH_SIZE,
    onProgress: ({ done, total }) => {
      if (total > BATCH_SIZE) context.stderr.write(`imported ${done}/${total} records\n`);
    },
  });
  context.stdout.write(`Imported ${records} records from ${path} into ${log.location}\n`);
}

async function exportHistory(path: string | undefined, log: GEPATraceLog, context: CliContext): Promise<void> {
  const lines = await exportTraces(log);
  if (path === undefined) {
    for (const line of lines) context.stdout.write(line);
    return;
  }
  await writeFile(path, lines.join(''));
  context.stderr.write(`Exported ${lines.length} records from ${log.location} to ${path}\n`);
}

/** The trace file of the config, or PostgreSQL's shared history with AIME_DATABASE_URL. */
async function openHistory(context: CliContext): Promise<{ log: GEPATraceLog; close(): Promise<void> }> {
  const url = context.env.AIME_DATABASE_URL?.trim();
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) throw new ConfigError('AIME_DATABASE_URL: expected a postgres:// URL');
    // Loaded on demand: the other commands need no database code.
    const { createLineLogger, openGEPATraceLog } = await import('@gepa-aime/server');
    return openGEPATraceLog({
      url,
      applicationName: 'aime-gepa-cli',
      logger: createLineLogger(context.stderr, context.env.AIME_LOG_LEVEL ?? 'warn'),
      listen: false,
    });
  }
  const store = new TraceStore(context.loadConfig().paths.gepaTraceFile, {
    logger: { warn: (message) => context.stderr.write(`${message}\n`) },
  });
  return { log: store, close: async () => undefined };
}
