import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AnyTool, ToolContext } from '@gepa-aime/core';
import {
  createWebSearchTool,
  executeToolCall,
  listDirTool,
  readFileTool,
  searchFilesTool,
  type ToolCallOutcome,
  writeFileTool,
} from '@gepa-aime/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type SwapLoop, startSwapLoop } from './support/swap-loop';

/**
 * Check-then-use races (issue 11, items 2 and 3): a second process swaps a workspace directory for
 * a symlink to a canary directory next to the workspace (or a file for a FIFO) in a bounded loop
 * while the tools run. Zero outside reads, zero outside writes, no hang.
 */
const CANARY = `CANARY-${randomBytes(8).toString('hex')}`;
const CANARY_NAME = `canary-only-${randomBytes(4).toString('hex')}.txt`;
const CALLS = 150;

let base: string;
let workspace: string;
let outside: string;
let loop: SwapLoop | undefined;

function context(): ToolContext {
  return { workspaceRoot: workspace, signal: new AbortController().signal, taskId: 't', reportProgress() {} };
}

beforeEach(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'aime-races-')));
  workspace = join(base, 'workspace');
  outside = join(base, 'outside');
  await mkdir(join(workspace, 'sub'), { recursive: true });
  await mkdir(join(workspace, 'docs'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(workspace, 'sub', 'data.txt'), 'inside data\n');
  await writeFile(join(workspace, 'docs', 'notes.txt'), 'inside notes\n');
  await writeFile(join(outside, 'data.txt'), `${CANARY}\n`);
  await writeFile(join(outside, CANARY_NAME), `${CANARY}\n`);
});

afterEach(async () => {
  await loop?.stop();
  loop = undefined;
  // A read that did block on a FIFO (the bug) is released by opening the FIFO's other end.
  for (const name of ['notes.txt', 'notes.txt.held']) {
    await open(join(workspace, 'docs', name), constants.O_WRONLY | constants.O_NONBLOCK)
      .then((handle) => handle.close())
      .catch(() => undefined);
  }
  await rm(base, { recursive: true, force: true });
});

async function runAll(calls: Array<[AnyTool, Record<string, unknown>]>): Promise<ToolCallOutcome[]> {
  const outcomes: ToolCallOutcome[] = [];
  for (const [tool, args] of calls) {
    outcomes.push(await executeToolCall(tool, args, context(), { timeoutMs: 3_000 }));
  }
  return outcomes;
}

const leaked = (outcome: ToolCallOutcome): boolean =>
  outcome.output.includes(CANARY) || outcome.output.includes(CANARY_NAME);

describe('a directory swapped for a symlink to the outside while tools run', () => {
  it('reads, listings and searches never return outside content', async () => {
    loop = await startSwapLoop({ kind: 'directory-for-symlink', target: join(workspace, 'sub'), outside });
    const calls: Array<[AnyTool, Record<string, unknown>]> = [];
    for (let index = 0; index < CALLS; index += 1) {
      calls.push([readFileTool, { path: 'sub/data.txt' }]);
      if (index % 3 === 0) calls.push([listDirTool, { path: 'sub' }]);
      if (index % 3 === 1) calls.push([searchFilesTool, { query: 'CANARY', path: 'sub' }]);
      if (index % 3 === 2) calls.push([createWebSearchTool(), { query: 'data' }]);
    }
    const outcomes = await runAll(calls);
    const swaps = await loop.stop();
    expect(swaps).toBeGreaterThan(0);
    expect(outcomes.filter(leaked).map((outcome) => outcome.output.slice(0, 120))).toEqual([]);
    // The tools still work once the swapping stops (how many reads land between swaps depends on
    // the scheduler: on a loaded machine the attacker's process can hold the symlink for all of them).
    const after = await executeToolCall(readFileTool, { path: 'sub/data.txt' }, context(), { timeoutMs: 3_000 });
    expect(after.output).toBe('inside data');
  }, 60_000);

  it('writes (and their temporary files) never land outside', async () => {
    loop = await startSwapLoop({ kind: 'directory-for-symlink', target: join(workspace, 'sub'), outside });
    const calls: Array<[AnyTool, Record<string, unknown>]> = [];
    for (let index = 0; index < CALLS; index += 1) {
      calls.push([writeFileTool, { path: `sub/new-${index}.txt`, content: 'payload' }]);
      calls.push([writeFileTool, { path: 'sub/data.txt', content: 'more\n', append: true }]);
      calls.push([writeFileTool, { path: `sub/deeper-${index}/x.txt`, content: 'payload' }]);
    }
    const outcomes = await runAll(calls);
    expect(await loop.stop()).toBeGreaterThan(0);
    expect((await readdir(outside)).sort()).toEqual([CANARY_NAME, 'data.txt'].sort());
    expect(outcomes.filter(leaked)).toEqual([]);
    expect(outcomes.some((outcome) => outcome.ok)).toBe(true);
    // 450 synced writes: seconds alone, much longer on a loaded machine (a bound, not a speed target).
  }, 120_000);
});

describe('a file swapped for a FIFO while tools run', () => {
  it('no read or search blocks on the FIFO', async () => {
    loop = await startSwapLoop({ kind: 'file-for-fifo', target: join(workspace, 'docs', 'notes.txt') });
    const calls: Array<[AnyTool, Record<string, unknown>]> = [];
    for (let index = 0; index < CALLS; index += 1) {
      calls.push([searchFilesTool, { query: 'inside', path: 'docs' }]);
      calls.push([readFileTool, { path: 'docs/notes.txt' }]);
      calls.push([createWebSearchTool(), { query: 'inside notes' }]);
    }
    const outcomes = await runAll(calls);
    expect(await loop.stop()).toBeGreaterThan(0);
    expect(outcomes.filter((outcome) => outcome.errorCode === 'timeout')).toEqual([]);
  }, 60_000);
});
