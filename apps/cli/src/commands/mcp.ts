import { isAbsolute, resolve } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import type { CliCommand } from '../command';
import { createCommandRuntime } from '../command-runtime';
import { integerOption } from '../integer-option';
import { parseCommandArgs } from '../parse-command-args';
import { userDirectory } from '../paths';

const HELP = `Usage: aime mcp [options]

Serves GEPA-AIME as an MCP server on stdin/stdout, for desktop assistants and other agents:
tools run_goal (with progress notifications; cancellable), get_run and list_runs, and resources
aime://runs/{runId}/checklist and aime://gepa/prompts. Nothing else is written to stdout; warnings
go to stderr. See docs/mcp-server.md for client configuration.

Options:
  --workspace <dir>      directory the file tools may touch (default: AIME_WORKSPACE, else the
                         directory you ran the command in)
  --traces-dir <dir>     where run logs are kept (default: AIME_TRACES_DIR, else traces)
  --concurrency <n>      runs executing at once (default: AIME_CONCURRENCY, else 4)
  --config <dir>         config directory (default: <repo>/config)
  -h, --help             show this help

Example (an MCP client's server entry):
  { "command": "pnpm", "args": ["--silent", "--dir", "/path/to/gepa-aime", "aime", "mcp", "--workspace", "/path/to/project"] }`;

export const mcpCommand: CliCommand = {
  summary: 'serve GEPA-AIME as an MCP server over stdio (run_goal, get_run, list_runs)',
  help: HELP,
  async run(argv, context) {
    const { values } = parseCommandArgs('mcp', argv, {
      workspace: { type: 'string' },
      'traces-dir': { type: 'string' },
      concurrency: { type: 'string' },
    });
    if (values.help) {
      context.stdout.write(`${HELP}\n`);
      return 0;
    }
    const { loadServiceSettings, serveMCPStdio } = await import('@gepa-aime/server');
    const settings = loadServiceSettings(context.env);
    const tracesDir = values['traces-dir'] ?? settings.tracesDir;
    const concurrency = integerOption('concurrency', values.concurrency) ?? settings.concurrency;
    const runtime = await createCommandRuntime(context, values.workspace);
    await serveMCPStdio({
      runtime,
      tracesDir: isAbsolute(tracesDir) ? tracesDir : resolve(userDirectory(context.env), tracesDir),
      concurrency,
      input: context.stdin as Readable,
      output: context.stdout as Writable,
      log: context.stderr as Writable,
      signal: context.signal,
    });
    return 0;
  },
};
