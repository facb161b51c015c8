import { loadConfig } from '@gepa-aime/core';
import { registerOfflineModel } from '@gepa-aime/offline-model';
import type { CliIo } from './command';
import { commands } from './commands/index';
import { formatError } from './format-error';
import { parseGlobalOptions } from './global-options';
import { resolveConfigDirectory } from './paths';
import { cliVersion } from './version';

// The default provider (`offline`) lives in its own package; the CLI wires it into createModel.
registerOfflineModel();

function globalHelp(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands)
    .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
    .join('\n');
  return `aime ${cliVersion()} — AIME multi-agent loop with GEPA prompt evolution

Usage: aime [--config DIR] [<command>] [options]     (no command: the interactive session)

Commands:
${list}

Global options:
  --config <dir>   config directory with model_config.yaml, gepa_config.yaml, tool_bundles.json
                   (relative to where you run the command; default: <repo>/config)
  -h, --help       show help (also: aime <command> --help)
  -V, --version    print the version

Running it from another directory (that directory becomes the workspace the file tools may touch):
  pnpm --dir /path/to/gepa-aime aime <command> …      pnpm, from anywhere
  node /path/to/gepa-aime/apps/cli/bin/aime.js …      plain node, from anywhere
                                                      (alias aime='node /path/to/gepa-aime/apps/cli/bin/aime.js')
  pnpm aime … --workspace DIR                         inside the repository, working on DIR

Environment: AIME_PROVIDER, AIME_API_BASE, AIME_MODEL, AIME_API_KEY override the model config.`;
}

/** Runs the CLI and returns the exit code (0 ok, 1 failure, 2 usage error, 130 interrupted). */
export async function runCli(argv: string[], io: CliIo, signal: AbortSignal = new AbortController().signal) {
  try {
    const options = parseGlobalOptions(argv);
    if (options.version) {
      io.stdout.write(`${cliVersion()}\n`);
      return 0;
    }
    if (options.help) {
      io.stdout.write(`${globalHelp()}\n`);
      return 0;
    }
    // No command: the interactive session (chat, /goal, /quit).
    const name = options.command ?? 'interactive';
    const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
    if (!command) {
      io.stderr.write(`aime: unknown command '${name}' (commands: ${Object.keys(commands).join(', ')})\n`);
      return 2;
    }
    const configDirectory = resolveConfigDirectory(options.config, io.env);
    return await command.run(options.rest, {
      ...io,
      configDirectory,
      loadConfig: () => loadConfig({ directory: configDirectory, env: io.env }),
      signal,
    });
  } catch (error) {
    if (signal.aborted) {
      io.stderr.write('\naime: interrupted\n');
      return 130;
    }
    io.stderr.write(`${formatError(error, io.env)}\n`);
    return error instanceof Error && error.name === 'UsageError' ? 2 : 1;
  }
}
