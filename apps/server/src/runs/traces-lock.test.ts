import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TracesLockedError } from '../errors/traces-locked-error';
import { processStartTime } from './process-start';
import { TracesLock } from './traces-lock';

let directory: string | undefined;
afterEach(async () => {
  if (directory) await rm(directory, { recursive: true, force: true });
  directory = undefined;
});

describe('TracesLock', () => {
  it('refuses a directory a live server holds, saying what to do (not as a config error)', async () => {
    directory = await mkdtemp(join(tmpdir(), 'aime-lock-'));
    // The parent process (the test runner) stands in for another live server on this machine.
    const holder = process.ppid;
    await writeFile(
      join(directory, '.server.lock'),
      JSON.stringify({ pid: holder, hostname: hostname(), startedAt: 1 }),
    );
    const error = await new TracesLock(directory).acquire().then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(TracesLockedError);
    expect((error as TracesLockedError).code).toBe('traces_locked');
    const message = (error as Error).message;
    expect(message).toContain(`another aime server (pid ${holder})`);
    expect(message).toContain(`kill ${holder}`);
    expect(message).toContain('AIME_TRACES_DIR');
    expect(message).not.toMatch(/config/i);
  });

  it('takes over a lock whose process is gone, and releases it', async () => {
    directory = await mkdtemp(join(tmpdir(), 'aime-lock-'));
    const lockFile = join(directory, '.server.lock');
    await writeFile(lockFile, JSON.stringify({ pid: 2 ** 22 + 7, hostname: hostname(), startedAt: 1 }));
    const lock = new TracesLock(directory);
    await lock.acquire();
    expect(JSON.parse(await readFile(lockFile, 'utf8'))).toMatchObject({ pid: process.pid });
    await lock.release();
    await expect(readFile(lockFile, 'utf8')).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('takes over a lock whose PID now belongs to an unrelated live process, not to the holder', async () => {
    directory = await mkdtemp(join(tmpdir(), 'aime-lock-'));
    const lockFile = join(directory, '.server.lock');
    // The test runner is alive but started at another time than the server that wrote the lock.
    const reused = process.ppid;
    const realStart = await processStartTime(reused);
    expect(realStart).toBeDefined();
    await writeFile(lockFile, JSON.stringify({ pid: reused, hostname: hostname(), startedAt: 1, processStart: '1' }));
    const lock = new TracesLock(directory);
    await lock.acquire();
    const written = JSON.parse(await readFile(lockFile, 'utf8'));
    expect(written).toMatchObject({ pid: process.pid, processStart: await processStartTime(process.pid) });
    await lock.release();
    // The same live process with its real start time is the holder: refused.
    await writeFile(
      lockFile,
      JSON.stringify({ pid: reused, hostname: hostname(), startedAt: 1, processStart: realStart }),
    );
    await expect(new TracesLock(directory).acquire()).rejects.toBeInstanceOf(TracesLockedError);
  });
});
