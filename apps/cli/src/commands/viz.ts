import { isAbsolute, resolve } from 'node:path';
import { type CliCommand, UsageError } from '../command';
import { parseCommandArgs } from '../parse-command-args';
import { userDirectory } from '../paths';
import { RUN_LIMIT_OPTIONS, runLimits } from '../run-limit-options';
import { resolveWorkspace } from '../workspace-option';

const HELP = `Usage: aime viz [options] [goal...]      (also: aime --viz, the seed's -viz)

Starts the service in this process — REST API, live WebSocket and the dashboard — on
http://127.0.0.1:8765 and serves until Ctrl-C, which interrupts running runs and exits cleanly.
With a goal, queues it as a run and prints its dashboard link. The dashboard is served from its
build (apps/dashboard/dist): run pnpm build once (pnpm start does); until then / shows a page
saying so, and the API works. Goals can also be started from the
dashboard or with POST /runs (see docs/api.md).

Options:
  --port <n>             listen port (default: AIME_PORT, else 8765; 0 = any free port)
  --host <address>       listen address (default: AIME_HOST, else 127.0.0.1; any other address
                         needs AIME_API_TOKEN)
  --workspace <dir>      directory the file tools may touch (default: AIME_WORKSPACE, else the
                         directory you ran the command in)
  --traces-dir <dir>     where run logs are kept (default: AIME_TRACES_DIR, else traces)
  --max-iterations <n>   for the goal given on the command line
  --max-parallel <n>     for the goal given on the command line
  --config <dir>         config directory (default: <repo>/config)
  -h, --help             show this help

Examples:
  pnpm aime --viz
  pnpm aime viz --port 9000 "Summarise the repository layout and propose next steps"`;

export const vizCommand: CliCommand = {
  summary: 'serve the API and live dashboard on http://127.0.0.1:8765 (aime --viz)',
  help: HELP,
  async run(argv, context) {
    const { values, positionals } = parseCommandArgs('viz', argv, {
      port: { type: 'string' },
      host: { type: 'string' },
      workspace: { type: 'string' },
      'traces-dir': { type: 'string' },
      ...RUN_LIMIT_OPTIONS,
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const port = values.port === undefined ? undefined : portNumber(values.port);
    const limits = runLimits(values);
    const tracesDir = values['traces-dir'];
    // Loaded on demand: the other commands need no HTTP server code.
    const { startServer } = await import('@gepa-aime/server');
    const server = await startServer({
      env: context.env,
      configDirectory: context.configDirectory,
      logger: { level: context.env.AIME_LOG_LEVEL ?? 'warn' },
      settings: {
        workspace: resolveWorkspace(values.workspace, context.env),
        ...(port !== undefined ? { port } : {}),
        ...(values.host !== undefined ? { host: values.host } : {}),
        ...(tracesDir !== undefined
          ? { tracesDir: isAbsolute(tracesDir) ? tracesDir : resolve(userDirectory(context.env), tracesDir) }
          : {}),
      },
    });
    context.stdout.write(`${server.readyLine}\n`);
    const goal = positionals.join(' ').trim();
    if (goal) {
      const run = await server.app.aime.manager.submit({ goal, ...limits });
      context.stdout.write(`Run ${run.id} ${run.status}: ${server.url}/#/runs/${encodeURIComponent(run.id)}\n`);
    }
    await new Promise<void>((resolveStop) => {
      if (context.signal.aborted) resolveStop();
      else context.signal.addEventListener('abort', () => resolveStop(), { once: true });
    });
    context.stdout.write('Stopping: running runs are recorded as interrupted…\n');
    await server.close();
    return 0;
  },
};

function portNumber(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`--port must be a port number 0-65535 (got '${value}')`);
  }
  return port;
}
