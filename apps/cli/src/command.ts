import type { AIMEConfig } from '@gepa-aime/core';

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
}

export interface CliContext extends CliIo {
  /** Absolute config directory (from `--config` or the default). */
  configDirectory: string;
  /** Loads the three config files (throws ConfigError with a one-line message). */
  loadConfig(): AIMEConfig;
  /** Aborted on Ctrl-C. */
  signal: AbortSignal;
}

/** A subcommand: register it in commands/index.ts. `run` returns the exit code. */
export interface CliCommand {
  summary: string;
  /** Full help text printed by `aime <command> --help`. */
  help: string;
  run(argv: string[], context: CliContext): Promise<number>;
}

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
