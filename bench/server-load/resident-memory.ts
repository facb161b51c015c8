import { readFileSync } from 'node:fs';

/** Resident set size of a process in bytes, from /proc (Linux); undefined elsewhere or once it exited. */
export function residentSetBytes(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kilobytes = /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
    return kilobytes === undefined ? undefined : Number(kilobytes) * 1024;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every `intervalMs` until stopped; returns the peak. */
export function sampleResidentMemory(pid: number, intervalMs = 100): { stop(): number } {
  let peak = residentSetBytes(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentSetBytes(pid) ?? 0);
  }, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, residentSetBytes(pid) ?? 0);
    },
  };
}
