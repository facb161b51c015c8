import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { resolveWorkspaceRoot } from '@gepa-aime/core';
import { UsageError } from './command';
import { userDirectory } from './paths';

/**
 * The workspace the file tools are confined to: `--workspace DIR` (relative to where the user ran
 * the command), else AIME_WORKSPACE, else that directory itself (INIT_CWD under `pnpm aime`).
 */
export function resolveWorkspace(flag: string | undefined, env: NodeJS.ProcessEnv): string {
  const chosen = resolveWorkspaceRoot(flag, { ...env, INIT_CWD: userDirectory(env) });
  const absolute = isAbsolute(chosen) ? chosen : resolve(userDirectory(env), chosen);
  let real: string;
  try {
    real = realpathSync(absolute);
  } catch {
    throw new UsageError(`workspace ${absolute} does not exist`);
  }
  if (!statSync(real).isDirectory()) throw new UsageError(`workspace ${absolute} is not a directory`);
  return real;
}

/** A positive integer option, or undefined when absent. */
export function positiveInteger(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1)
    throw new UsageError(`--${name} must be a positive integer (got '${value}')`);
  return number;
}
