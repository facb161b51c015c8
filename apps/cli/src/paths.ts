import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is apps/cli/src/paths.ts). */
export const REPO_ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');

/**
 * Where the user ran the command. Under `pnpm aime` the process runs in the repo root and pnpm
 * puts the user's directory in INIT_CWD.
 */
export function userDirectory(env: NodeJS.ProcessEnv = process.env): string {
  return env.INIT_CWD || process.cwd();
}

/** `--config DIR` is relative to where the user ran the command; default `<repo root>/config`. */
export function resolveConfigDirectory(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (flag === undefined) return resolve(REPO_ROOT, 'config');
  return isAbsolute(flag) ? flag : resolve(userDirectory(env), flag);
}
