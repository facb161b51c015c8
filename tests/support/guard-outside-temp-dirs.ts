import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ESCAPE_TARGET_NAMES } from '../hardening/support/path-escape-corpus';
import { SUITE_OWNER_FILE } from './orphaned-suites';

/**
 * Vitest global setup: tests run as root and must touch nothing outside their own temporary
 * directories. Every test process gets a fresh TMPDIR for the run (removed afterwards); if a
 * well-known file outside it changed, an entry appeared in or vanished from `/` or the project
 * root, or one of the escape corpus's target names appeared in `/tmp` while the suite ran, the run
 * fails and names the path. (`/tmp` is shared with every other process on the machine, so only
 * those names are watched there.) This is the backstop for the escape suites, whose targets are
 * canaries inside temp dirs: a broken sandbox must fail the suite, never damage the machine.
 */
const projectRoot = join(import.meta.dirname, '..', '..');
const systemTemp = '/tmp';
const watchedFiles = ['/etc/passwd', '/etc/group', '/etc/hosts', '/etc/hostname'];

interface Snapshot {
  files: Map<string, string>;
  listings: Map<string, Set<string>>;
}

function hashOf(path: string): string {
  if (!existsSync(path)) return 'absent';
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function listing(directory: string, only?: ReadonlySet<string>): Set<string> {
  const names = existsSync(directory) ? readdirSync(directory) : [];
  return new Set(only ? names.filter((name) => only.has(name)) : names);
}

function snapshot(): Snapshot {
  return {
    files: new Map(watchedFiles.map((path) => [path, hashOf(path)])),
    listings: new Map([
      ['/', listing('/')],
      [systemTemp, listing(systemTemp, ESCAPE_TARGET_NAMES)],
      [projectRoot, listing(projectRoot)],
    ]),
  };
}

/** Human-readable differences between two snapshots; empty when nothing changed. */
function describeChanges(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [path, hash] of before.files) {
    if (after.files.get(path) !== hash) changes.push(`${path} (content changed)`);
  }
  for (const [directory, names] of before.listings) {
    const now = after.listings.get(directory) ?? new Set<string>();
    for (const name of now) if (!names.has(name)) changes.push(`${join(directory, name)} (created)`);
    for (const name of names) if (!now.has(name)) changes.push(`${join(directory, name)} (removed)`);
  }
  return changes;
}

export default function setup(): () => void {
  const before = snapshot();
  const suiteTemp = realpathSync(mkdtempSync(join(systemTemp, 'aime-suite-')));
  // Traversable by other users (the PostgreSQL test cluster runs as `postgres`), not listable.
  chmodSync(suiteTemp, 0o711);
  // Who owns it: a later run removes the directories (and stops the clusters) of runs that were killed.
  writeFileSync(join(suiteTemp, SUITE_OWNER_FILE), String(process.pid));
  const previousTemp = process.env.TMPDIR;
  // Workers and the processes tests spawn inherit it: os.tmpdir() now points inside the run's own directory.
  process.env.TMPDIR = suiteTemp;
  return () => {
    if (previousTemp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTemp;
    rmSync(suiteTemp, { recursive: true, force: true });
    const changes = describeChanges(before, snapshot());
    if (changes.length > 0) {
      // Not thrown: a throwing teardown stops the other global teardowns, and Vitest would only log it.
      console.error(`\nFAIL tests changed paths outside their temporary directories: ${changes.join(', ')}\n`);
      process.exitCode = 1;
    }
  };
}
