import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const SERVER_ENTRY = fileURLToPath(new URL('../../apps/server/src/server.ts', import.meta.url));
/**
 * tsx's loader, used as `node --import <loader> server.ts`: one process. (`tsx server.ts` runs the
 * server in a child process, so a SIGKILL would hit only the wrapper and leave the server running.)
 */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  output(): string;
  /** Resolves once the process has exited (with its signal, e.g. SIGKILL). */
  exited: Promise<NodeJS.Signals | number | null>;
}

/** `apps/server/src/server.ts` under tsx's loader (no build needed); resolves with its URL once it is serving. */
export function startServerProcess(
  env: NodeJS.ProcessEnv,
  cwd: string,
  timeoutMs = 40_000,
  /** Extra node flags, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArguments: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArguments, '--import', TSX_LOADER, SERVER_ENTRY], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(signal ?? code));
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output, exited });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${String(code)}) before serving:\n${output.slice(-2000)}`));
    });
  });
}

/** `POST /runs` with a goal; the new run's id (throws unless the server answered 202). */
export async function postRun(url: string, goal: string): Promise<string> {
  const response = await fetch(`${url}/runs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ goal }),
  });
  if (response.status !== 202) throw new Error(`POST /runs answered ${response.status}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}
