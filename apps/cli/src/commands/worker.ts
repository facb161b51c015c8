import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-command-args';
import { resolveWorkspace } from '../workspace-option';

const HELP = `Usage: aime worker [options]

Executes queued runs in the scale-out mode: takes run jobs from the PostgreSQL queue (pg-boss) named
by AIME_DATABASE_URL, AIME_CONCURRENCY at a time, and stores their events there; the API replicas
stream them to their clients. Start any number, on any machine, next to \`aime db migrate\`-ed
PostgreSQL. Ctrl-C / SIGTERM interrupts the runs it executes: they are queued again as their next
attempt (AIME_RETRY_INTERRUPTED, default 1) and finish on another worker. Logs JSON lines on stderr.

Options:
  --workspace <dir>   directory the file tools may touch (default: AIME_WORKSPACE, else the
                      directory you ran the command in)
  --config <dir>      config directory (default: <repo>/config)
  -h, --help          show this help

Environment: AIME_DATABASE_URL (required), AIME_CONCURRENCY (default 4), AIME_RETRY_INTERRUPTED,
AIME_LOG_LEVEL, AIME_APPROVAL / AIME_APPROVAL_TIMEOUT (calls that need approval wait for an answer
given on any API replica: POST /runs/:id/approvals/:callId or the dashboard), and the model
variables (AIME_PROVIDER, AIME_API_BASE, AIME_MODEL, AIME_API_KEY).

Example:
  AIME_DATABASE_URL=postgres://aime:secret@db:5432/aime AIME_CONCURRENCY=8 pnpm aime worker`;

export const workerCommand: CliCommand = {
  summary: 'execute queued runs from PostgreSQL (scale-out mode, AIME_DATABASE_URL)',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('worker', argv, { workspace: { type: 'string' } });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new UsageError(`aime worker takes no arguments (got '${positionals.join(' ')}')`);
    // Loaded on demand: the other commands need no database code.
    const { createLineLogger, startWorker } = await import('@gepa-aime/server');
    const worker = await startWorker({
      env: context.env,
      configDirectory: context.configDirectory,
      workspace: resolveWorkspace(values.workspace, context.env),
      logger: createLineLogger(context.stderr, context.env.AIME_LOG_LEVEL ?? 'info'),
    });
    context.stdout.write(`Worker ${worker.id} executing up to ${worker.concurrency} runs at once (Ctrl-C stops)\n`);
    await new Promise<void>((resolveStop) => {
      if (context.signal.aborted) resolveStop();
      else context.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    context.stdout.write('Stopping: running runs go back to the queue…\n');
    await worker.close();
    return 0;
  },
};
