import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const repositoryRoot = join(import.meta.dirname, '..', '..');
const rootPackage = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

/**
 * Stands in for apps/server/dist/server.js: records the signal it receives, then exits like the
 * real server does (bounded: it exits by itself after 20 s).
 */
const SERVER_STUB = `
import { writeFileSync } from 'node:fs';
const record = (signal) => { writeFileSync(process.argv[2] ?? 'signal.txt', signal); process.exit(0); };
process.on('SIGTERM', () => record('SIGTERM'));
process.on('SIGINT', () => record('SIGINT'));
setTimeout(() => process.exit(3), 20_000);
process.stdout.write('stub ready\\n');
`;

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Runs the project's `start` script (its build step is `prestart`, left out here) and signals pnpm. */
async function signalPnpmStart(signal: NodeJS.Signals): Promise<{ received: string; pnpmExit: number | null }> {
  const root = mkdtempSync(join(tmpdir(), 'aime-start-signals-'));
  roots.push(root);
  mkdirSync(join(root, 'apps', 'server', 'dist'), { recursive: true });
  writeFileSync(join(root, 'apps', 'server', 'dist', 'server.js'), SERVER_STUB);
  writeFileSync(join(root, 'apps', 'server', 'dist', 'package.json'), '{"type":"module"}\n');
  writeFileSync(
    join(root, 'package.json'),
    JSON.stringify({ name: 'start-signals', private: true, scripts: { start: rootPackage.scripts.start } }),
  );
  const pnpm = spawn('pnpm', ['--silent', 'start'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const exited = new Promise<number | null>((resolve) => pnpm.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the start script did not start:\n${output}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('stub ready')) {
        clearTimeout(timer);
        resolve();
      }
    };
    pnpm.stdout.on('data', onData);
    pnpm.stderr.on('data', onData);
  });
  pnpm.kill(signal);
  const pnpmExit = await exited;
  let received = '';
  try {
    received = readFileSync(join(root, 'signal.txt'), 'utf8');
  } catch {
    received = '(none: the server did not get the signal and keeps running)';
  }
  return { received, pnpmExit };
}

describe('pnpm start', () => {
  it('builds in a separate prestart step, so nothing stands between pnpm and the server', () => {
    expect(rootPackage.scripts.prestart).toBe('pnpm build');
    expect(rootPackage.scripts.start).not.toContain('&&');
  });

  it.each(['SIGTERM', 'SIGINT'] as const)(
    'passes %s on to the server, which stops with pnpm',
    async (signal) => {
      const { received, pnpmExit } = await signalPnpmStart(signal);
      expect(received).toBe(signal);
      expect(pnpmExit).toBe(0);
    },
    60_000,
  );
});
