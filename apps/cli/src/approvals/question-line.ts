import type { Interface } from 'node:readline';

/**
 * Asks one question on a readline interface and resolves with the answer line; the signal (the
 * run's cancel, an approval's expiry) withdraws the question — the next line is a command again —
 * and rejects with the signal's reason.
 */
export function questionLine(lines: Interface, prompt: string, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    lines.question(prompt, { signal }, (answer) => {
      signal.removeEventListener('abort', onAbort);
      resolve(answer);
    });
  });
}
