import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useFakeOpenAIServer } from './cli-test-support';
import { REPO_ROOT } from './paths';

/** Spawns the real entry point as `pnpm aime` would (tsx, cwd = repo root). */
function spawnCli(args: string[], env: Record<string, string> = {}) {
  const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('AIME_')));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
      cwd: REPO_ROOT,
      env: { ...cleanEnv, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const fake = useFakeOpenAIServer();

describe('aime (spawned)', () => {
  it('chats with the offline model by default', async () => {
    const result = await spawnCli(['chat', 'hello']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Hello! I'm the offline model/);
  });

  it('chats with a vllm server given by environment variables', async () => {
    fake.server.script({ content: 'answer from the fake vLLM' });
    const result = await spawnCli(['chat', 'ping'], { AIME_PROVIDER: 'vllm', AIME_API_BASE: fake.server.url });
    expect(result).toMatchObject({ code: 0, stdout: 'answer from the fake vLLM\n' });
    expect(fake.server.requests.at(-1)?.body?.messages).toEqual([{ role: 'user', content: 'ping' }]);
  });

  it('prints a model error as one line without a stack trace and exits 1', async () => {
    fake.server.script({ fault: 'error', status: 404, shape: 'flat', message: 'The model `nope` does not exist.' });
    const result = await spawnCli(['chat', 'ping'], {
      AIME_PROVIDER: 'vllm',
      AIME_API_BASE: fake.server.url,
      AIME_MODEL: 'nope',
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/^aime: model_not_found: The model `nope` does not exist\./);
  });
});

describe('aime outside the repository', () => {
  it('runs from any directory through the bin with plain node; that directory is the workspace', async () => {
    const elsewhere = realpathSync(mkdtempSync(join(tmpdir(), 'aime-elsewhere-')));
    try {
      writeFileSync(join(elsewhere, 'README.md'), '# Elsewhere\n\nA project outside the repository.\n');
      const bin = join(REPO_ROOT, 'apps', 'cli', 'bin', 'aime.js');
      const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1' };
      const help = await promisify(execFile)(process.execPath, [bin, '--help'], { cwd: elsewhere, env });
      expect(help.stdout).toContain('pnpm --dir /path/to/gepa-aime aime');
      expect(help.stdout).toContain('node /path/to/gepa-aime/apps/cli/bin/aime.js');
      const traces = join(elsewhere, 'traces');
      const { stdout } = await promisify(execFile)(process.execPath, [bin, 'run', '--quiet', 'Read README.md'], {
        cwd: elsewhere,
        env: { ...env, AIME_TRACES_DIR: traces },
        timeout: 60_000,
      });
      const report = JSON.parse(stdout);
      expect(report.status).toBe('completed');
      expect(report.finalAnswer).toContain('A project outside the repository.');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  }, 90_000);
});
