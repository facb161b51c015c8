import { type AIMERuntime, createAIMERuntime } from '@gepa-aime/core';
import type { CliContext } from './command';
import { resolveWorkspace } from './workspace-option';

/** The AIME runtime for a command: the CLI's config directory and environment, the workspace from `--workspace`. */
export function createCommandRuntime(context: CliContext, workspaceFlag: string | undefined): Promise<AIMERuntime> {
  return createAIMERuntime({
    configDirectory: context.configDirectory,
    workspaceRoot: resolveWorkspace(workspaceFlag, context.env),
    env: context.env,
  });
}
