import type { Progress } from '@modelcontextprotocol/sdk/types.js';

/** Without a total, notifications closer together than this are dropped. */
export const MIN_PROGRESS_INTERVAL_MS = 250;

/**
 * Turns an MCP server's `notifications/progress` for one tool call into the actor's progress
 * messages (`progress-update` events): "fs__copy: 3/10 (copying b.txt)". A server that floods
 * notifications is thinned: with a total, to one per whole percent (at most 101 per call);
 * without one, to one per MIN_PROGRESS_INTERVAL_MS.
 */
export function mcpProgressReporter(
  toolName: string,
  report: (message: string) => void,
  now: () => number = Date.now,
): (progress: Progress) => void {
  let lastAt = Number.NEGATIVE_INFINITY;
  let lastPercent = Number.NEGATIVE_INFINITY;
  return (progress) => {
    if (progress.total !== undefined && progress.total > 0) {
      const percent = Math.floor((progress.progress / progress.total) * 100);
      if (percent === lastPercent) return;
      lastPercent = percent;
    } else {
      const at = now();
      if (at - lastAt < MIN_PROGRESS_INTERVAL_MS) return;
      lastAt = at;
    }
    report(describeProgress(toolName, progress));
  };
}

export function describeProgress(toolName: string, progress: Progress): string {
  const amount = progress.total !== undefined ? `${progress.progress}/${progress.total}` : `${progress.progress}`;
  const message = progress.message?.trim();
  return `${toolName}: ${amount}${message ? ` (${message.slice(0, 200)})` : ''}`;
}
