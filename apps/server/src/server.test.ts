import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { RunEvent } from '@gepa-aime/core';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '@gepa-aime/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { createWorkspace, REPOSITORY_CONFIG_DIRECTORY, waitFor } from './test-support/test-app';

const SERVER_ENTRY = fileURLToPath(new URL('./server.ts', import.meta.url));
/** tsx as a loader: one process, so SIGKILL kills the server itself (`tsx server.ts` would run it in a child). */
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

const children: ChildProcess[] = [];
let fake: FakeOpenAIServer | undefined;
let root: string | undefined;
afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  await fake?.close();
  if (root) await rm(root, { recursive: true, force: true });
  fake = undefined;
  root = undefined;
});

interface StartedServer {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** Starts `node --import tsx src/server.ts` and resolves with its URL once it logs that it is serving. */
function startServerProcess(env: NodeJS.ProcessEnv, cwd: string): Promise<StartedServer> {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, SERVER_ENTRY], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: match[1], output: () => output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
}

async function json(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
  const response = await fetch(url, init);
  return (await response.json()) as Record<string, unknown>;
}

function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('server process', () => {
  it('survives SIGKILL mid-run: the run comes back interrupted with all its events, new runs work', async () => {
    root = await mkdtemp(join(tmpdir(), 'aime-restart-'));
    const workspace = await createWorkspace(root);
    fake = await startFakeOpenAIServer();
    fake.setHandler(() => ({ content: 'thinking slowly', latencyMs: 60_000 }));
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AIME_PORT: '0',
      AIME_HOST: '127.0.0.1',
      AIME_TRACES_DIR: join(root, 'traces'),
      AIME_WORKSPACE: workspace,
      AIME_CONFIG_DIR: REPOSITORY_CONFIG_DIRECTORY,
      AIME_PROVIDER: 'vllm',
      AIME_API_BASE: fake.url,
      AIME_MODEL: 'fake-model',
    };
    const server = fake;

    const first = await startServerProcess(env, root);
    const created = await json(`${first.url}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ goal: 'Summarise the repository layout' }),
    });
    const runId = created.id as string;
    await waitFor(() => server.modelRequests().length >= 1, 20_000);
    const before = await json(`${first.url}/runs/${runId}`);
    expect(before.status).toBe('running');
    const eventsBefore = (await json(`${first.url}/runs/${runId}/events`)).events as RunEvent[];
    expect(eventsBefore.length).toBeGreaterThanOrEqual(1);
    first.child.kill('SIGKILL');
    await exited(first.child);

    server.setHandler(undefined); // the default echo answers at once
    const second = await startServerProcess(env, root);
    // One human line on stderr: address, model, traces directory.
    await waitFor(() =>
      second.output().includes(`GEPA-AIME ready on ${second.url} — model fake-model (vllm), traces in `),
    );
    // One server per traces directory: a second live one is refused, saying what to do.
    await expect(startServerProcess(env, root)).rejects.toThrow(
      /aime server: another aime server \(pid (\d+)\) is already using .*Stop it \(Ctrl-C in its terminal, or kill \1\)/,
    );
    const after = await json(`${second.url}/runs/${runId}`);
    expect(after.status).toBe('interrupted');
    const events = (await json(`${second.url}/runs/${runId}/events`)).events as RunEvent[];
    expect(events.slice(0, eventsBefore.length)).toEqual(eventsBefore);
    expect(events.map((event) => event.seq)).toEqual(events.map((_, index) => index + 1));
    expect(events.at(-1)).toMatchObject({ type: 'run-end', status: 'interrupted' });

    const next = await json(`${second.url}/runs`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ goal: 'List the files', maxIterations: 2 }),
    });
    const finished = await waitFor(async () => {
      const run = await json(`${second.url}/runs/${next.id as string}`);
      return ['completed', 'failed', 'limit-reached'].includes(run.status as string) ? run : undefined;
    }, 40_000);
    expect(finished.lastSeq).toBeGreaterThan(1);

    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toBe(0);
    expect(second.output()).toContain('shut down cleanly');
  }, 120_000);

  it('refuses to bind a non-loopback address without AIME_API_TOKEN', async () => {
    root = await mkdtemp(join(tmpdir(), 'aime-binding-'));
    const env = {
      PATH: process.env.PATH,
      AIME_HOST: '0.0.0.0',
      AIME_PORT: '0',
      AIME_CONFIG_DIR: REPOSITORY_CONFIG_DIRECTORY,
    };
    await expect(startServerProcess(env, root)).rejects.toThrow(
      /exited with 1[\s\S]*refusing to listen on 0\.0\.0\.0 without AIME_API_TOKEN/,
    );
  }, 60_000);
});
