import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Vitest global setup: tests must keep their traces in temporary directories. If the project's own
 * traces/ (the user's online GEPA history and run logs, which warm-start real runs) changed while
 * the suite ran, the run fails and names what changed.
 */
const tracesDirectory = join(import.meta.dirname, '..', '..', 'traces');

function snapshot(): Map<string, string> {
  const entries = new Map<string, string>();
  const visit = (directory: string) => {
    if (!existsSync(directory)) return;
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) visit(path);
      else {
        const stat = statSync(path);
        entries.set(path, `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  visit(tracesDirectory);
  return entries;
}

export default function setup(): () => void {
  const before = snapshot();
  return () => {
    const after = snapshot();
    const changed = [...after].filter(([path, state]) => before.get(path) !== state).map(([path]) => path);
    if (changed.length > 0) {
      // Not thrown: a throwing teardown stops the other global teardowns, and Vitest would only log it.
      console.error(
        `\nFAIL tests wrote into the project's traces/ (use a temp AIME_TRACES_DIR): ${changed.join(', ')}\n`,
      );
      process.exitCode = 1;
    }
  };
}
