import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TracesLockedError } from '../errors/traces-locked-error';

interface LockContents {
  pid: number;
  hostname: string;
  startedAt: number;
}

/**
 * One server per run-log directory: a second process would mark the first one's live runs
 * `interrupted` while it keeps appending to them. A lock left by a process that is gone (killed,
 * or this same process) is taken over.
 */
export class TracesLock {
  private readonly path: string;
  private held = false;

  constructor(runsDirectory: string) {
    this.path = join(runsDirectory, '.server.lock');
  }

  async acquire(): Promise<void> {
    const holder = await this.read();
    if (holder && holder.pid !== process.pid && holder.hostname === hostname() && isAlive(holder.pid)) {
      throw new TracesLockedError(this.path, holder.pid);
    }
    const contents: LockContents = { pid: process.pid, hostname: hostname(), startedAt: Date.now() };
    await writeFile(this.path, `${JSON.stringify(contents)}\n`);
    this.held = true;
  }

  async release(): Promise<void> {
    if (!this.held) return;
    this.held = false;
    const holder = await this.read();
    if (holder?.pid === process.pid) await rm(this.path, { force: true });
  }

  private async read(): Promise<LockContents | undefined> {
    try {
      const value = JSON.parse(await readFile(this.path, 'utf8')) as Partial<LockContents>;
      return typeof value.pid === 'number' && typeof value.hostname === 'string' ? (value as LockContents) : undefined;
    } catch {
      return undefined;
    }
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
