import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type GEPAState, gepaStateSchema } from './state-schema';

/** File names inside a run directory. */
export const stateFileName = 'gepa_state.json';
export const stopFileName = 'gepa.stop';

/** Reads `<runDir>/gepa_state.json`, or undefined when there is none yet. Throws on a corrupt file. */
export function loadState(runDir: string): GEPAState | undefined {
  const path = join(runDir, stateFileName);
  if (!existsSync(path)) return undefined;
  return gepaStateSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** Writes the state atomically: a temporary file in the same directory, then a rename. */
export function saveState(runDir: string, state: GEPAState): void {
  mkdirSync(runDir, { recursive: true });
  const path = join(runDir, stateFileName);
  const temporaryPath = `${path}.${process.pid}.tmp`;
  writeFileSync(temporaryPath, JSON.stringify(state));
  renameSync(temporaryPath, path);
}

/** True when `<runDir>/gepa.stop` exists: the run stops before its next iteration. */
export function stopFileExists(runDir: string): boolean {
  return existsSync(join(runDir, stopFileName));
}
