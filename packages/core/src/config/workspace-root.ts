/** The workspace root for file tools: explicit flag, then AIME_WORKSPACE, then where the user ran the command. */
export function resolveWorkspaceRoot(explicit: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  return explicit ?? env.AIME_WORKSPACE ?? env.INIT_CWD ?? process.cwd();
}
