import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCli } from '../cli-test-support';
import { REPO_ROOT } from '../paths';

const REPOSITORY_CONFIG = join(REPO_ROOT, 'config');

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function start(argv: string[], env: NodeJS.ProcessEnv, signal: AbortSignal) {
  return startCli(argv, { env, signal });
}

async function waitFor<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('aime viz / aime --viz', () => {
  it('serves the API in-process, runs the goal given, and stops cleanly on Ctrl-C', async () => {
    const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-viz-')));
    roots.push(root);
    writeFileSync(join(root, 'README.md'), '# Viz demo\n\nServed by aime viz.\n');
    // The repository's config, with the GEPA trace file kept in the temp directory.
    const config = join(root, 'config');
    cpSync(REPOSITORY_CONFIG, config, { recursive: true });
    writeFileSync(join(config, 'gepa_config.yaml'), `trace_path: ${join(root, 'traces', 'gepa_history.jsonl')}\n`);
    const controller = new AbortController();
    const { exit, output } = start(
      [
        '--viz',
        '--config',
        config,
        '--port',
        '0',
        '--workspace',
        root,
        '--traces-dir',
        join(root, 'traces'),
        'Read README.md',
      ],
      { INIT_CWD: root },
      controller.signal,
    );
    const url = await waitFor(() => /on (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout)?.[1]);
    const runId = await waitFor(() => /Run (run-\S+) /.exec(output.stdout)?.[1]);
    expect(output.stdout).toContain(`${url}/#/runs/${runId}`);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const run = await waitFor(async () => {
      const body = (await (await fetch(`${url}/runs/${runId}`)).json()) as { status: string; finalAnswer: string };
      return body.status === 'completed' ? body : undefined;
    });
    expect(run.finalAnswer).toContain('Viz demo');
    expect(existsSync(join(root, 'traces', 'runs', `${runId}.jsonl`))).toBe(true);
    expect(existsSync(join(root, 'traces', 'gepa_history.jsonl'))).toBe(true);

    controller.abort();
    expect(await exit).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('rejects a bad port as a usage error', async () => {
    const { exit, output } = start(['viz', '--port', 'http'], {}, new AbortController().signal);
    expect(await exit).toBe(2);
    expect(output.stderr).toContain('--port must be a port number');
  });
});
