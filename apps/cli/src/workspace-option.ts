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
