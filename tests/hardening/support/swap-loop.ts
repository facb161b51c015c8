import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * A separate process that keeps changing the workspace while the tools run in this one, as a local
 * attacker would: each kind swaps one entry back and forth at most `maxSwaps` times (a bounded loop),
 * touching only the paths it is given (all inside the test's temp directory), and puts the original
 * back when stopped.
 */
export type SwapKind =
  /** `target` (a directory) ↔ a symlink named `target` pointing at `outside`. */
  | { kind: 'directory-for-symlink'; target: string; outside: string }
  /** `target` (a regular file) ↔ a FIFO at `target`. */
  | { kind: 'file-for-fifo'; target: string };

export interface SwapLoop {
  /** Stops the loop (waits for the process) and returns how many swaps it made. */
  stop(): Promise<number>;
}

const SCRIPT = `
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');
const swap = JSON.parse(process.argv[1]);
const maxSwaps = Number(process.argv[2]);
const held = swap.target + '.held';
let swaps = 0;
let swapped = false;
let stopping = false;
process.on('SIGTERM', () => { stopping = true; });
if (swap.kind === 'file-for-fifo') execFileSync('mkfifo', [held]);
const exists = (path) => { try { fs.lstatSync(path); return true; } catch { return false; } };
// Each call flips the entry: the attacker's version and the original each stand about half the time.
// Every move checks first, so a tool creating the entry meanwhile cannot wedge the loop.
function flip() {
  try {
    if (swap.kind === 'directory-for-symlink') {
      if (!swapped) {
        if (!exists(held)) fs.renameSync(swap.target, held);
        if (!exists(swap.target)) fs.symlinkSync(swap.outside, swap.target);
      } else {
        if (fs.lstatSync(swap.target).isSymbolicLink()) fs.unlinkSync(swap.target);
        if (!exists(swap.target)) fs.renameSync(held, swap.target);
      }
    } else if (!swapped) {
      fs.renameSync(swap.target, swap.target + '.file');
      fs.renameSync(held, swap.target);
    } else {
      fs.renameSync(swap.target, held);
      fs.renameSync(swap.target + '.file', swap.target);
    }
    swaps += 1;
  } catch {}
  swapped = !swapped;
}
let announced = false;
function step() {
  for (let burst = 0; burst < 25 && swaps < maxSwaps && !stopping; burst += 1) flip();
  if (!announced) { announced = true; process.stdout.write('ready\\n'); }
  if (swaps < maxSwaps && !stopping) return setImmediate(step);
  if (swapped) flip();
  process.stdout.write(String(swaps));
}
setImmediate(step);
`;

/** Starts the loop and resolves once it has made its first swaps. */
export async function startSwapLoop(swap: SwapKind, maxSwaps = 200_000): Promise<SwapLoop> {
  const child: ChildProcess = spawn(process.execPath, ['-e', SCRIPT, JSON.stringify(swap), String(maxSwaps)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = once(child, 'exit');
  while (!output.includes('ready\n')) {
    if (child.exitCode !== null) throw new Error(`the swap loop exited early (${child.exitCode})`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return {
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      return Number(output.replace('ready\n', '')) || 0;
    },
  };
}
