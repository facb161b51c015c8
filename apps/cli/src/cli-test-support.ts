import { PassThrough, Readable } from 'node:stream';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { afterAll, beforeAll } from 'vitest';
import { runCli } from './cli';

export interface CliTestRun {
  env?: NodeJS.ProcessEnv;
  /** Piped to stdin (then not a TTY); without it stdin is an empty TTY. */
  stdinText?: string | undefined;
  /** Plays Ctrl-C. */
  signal?: AbortSignal | undefined;
  /** stdout and stderr claim to be a terminal (`isTTY`). */
  terminal?: boolean;
}

/** Collects what is written to a stream; the returned function reads it so far. */
export function capture(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  return () => text;
}

/** Starts the CLI in this process; `output` reads stdout and stderr so far while it runs. */
export function startCli(argv: string[], options: CliTestRun = {}) {
  const stdout = Object.assign(new PassThrough(), { isTTY: options.terminal === true });
  const stderr = Object.assign(new PassThrough(), { isTTY: options.terminal === true });
  const readStdout = capture(stdout);
  const readStderr = capture(stderr);
  const { stdinText } = options;
  const stdin = Object.assign(stdinText === undefined ? new PassThrough() : Readable.from([stdinText]), {
    isTTY: stdinText === undefined,
  });
  const exit = runCli(argv, { stdout, stderr, stdin, env: options.env ?? {} }, options.signal);
  const output = {
    get stdout() {
      return readStdout();
    },
    get stderr() {
      return readStderr();
    },
  };
  return { exit, output };
}

/** Runs the CLI in this process to its exit code, with everything it printed. */
export async function runCliCaptured(argv: string[], options: CliTestRun = {}) {
  const { exit, output } = startCli(argv, options);
  const code = await exit;
  return { code, stdout: output.stdout, stderr: output.stderr };
}

/** The fake OpenAI-compatible server, started before the calling file's tests and closed after. */
export function useFakeOpenAIServer(): { readonly server: FakeOpenAIServer } {
  let started: FakeOpenAIServer | undefined;
  beforeAll(async () => {
    started = await startFakeOpenAIServer();
  });
  afterAll(() => started?.close());
  return {
    get server() {
      if (!started) throw new Error('the fake server is only available inside tests');
      return started;
    },
  };
}
