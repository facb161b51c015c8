import { readFile, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { TracesLockedError } from '../errors/traces-locked-error';
import { isProcessAlive, processStartTime } from './process-start';

interface LockContents {
  pid: number;
  hostname: string;
  startedAt: number;
  /** The holder's process start time (see processStartTime): tells a reused PID from the holder. */
  processStart?: string;
}

/**
 * One server per run-log directory: a second process would mark the first one's live runs
 * `interrupted` while it keeps appending to them. A lock left by a process that is gone (killed,
 * or this same process) is taken over, and so is one whose PID now belongs to another process
 * (its start time differs from the one recorded in the lock).
 */
export class TracesLock {
  private readonly path: string;
  private held = false;

  constructor(runsDirectory: string) {
    this.path = join(runsDirectory, '.server.lock');
  }

  async acquire(): Promise<void> {
    const holder = await this.read();
    if (holder && holder.pid !== process.pid && holder.hostname === hostname() && (await isHolderAlive(holder))) {
      throw new TracesLockedError(this.path, holder.pid);
    }
    const processStart = await processStartTime(process.pid);
    const contents: LockContents = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: Date.now(),
      ...(processStart === undefined ? {} : { processStart }),
    };
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

/** The lock's process still runs: its PID is alive and, where recorded, has the same start time. */
async function isHolderAlive(holder: LockContents): Promise<boolean> {
  if (!isProcessAlive(holder.pid)) return false;
  if (holder.processStart === undefined) return true;
  const current = await processStartTime(holder.pid);
  return current === undefined || current === holder.processStart;
}
