import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/**
 * Where the project's files live. Relative paths in the config files resolve against the project
 * root (the parent of the config directory), and `AIME_TRACES_DIR` relocates the whole `traces/`
 * folder: run logs, the online GEPA trace file and `aime optimize` run directories move together,
 * so a server or test pointed at a temporary traces directory never writes into the project's.
 */
export interface ProjectPaths {
  projectRoot: string;
  tracesDir: string;
  /** `trace_path` of gepa_config.yaml, absolute. */
  gepaTraceFile: string;
  /** `run_dir` of gepa_config.yaml, absolute. */
  gepaRunDir: string;
}

export function resolveProjectPaths(
  configDirectory: string,
  gepa: { trace_path: string; run_dir: string },
  env: NodeJS.ProcessEnv,
): ProjectPaths {
  const projectRoot = dirname(configDirectory);
  const tracesDir = env.AIME_TRACES_DIR ? resolve(env.AIME_TRACES_DIR) : join(projectRoot, 'traces');
  const base = { projectRoot, tracesDir };
  return {
    ...base,
    gepaTraceFile: resolveProjectPath(gepa.trace_path, base),
    gepaRunDir: resolveProjectPath(gepa.run_dir, base),
  };
}

/** Absolute paths stay; `traces/…` lands in the traces directory; anything else under the project root. */
export function resolveProjectPath(path: string, base: { projectRoot: string; tracesDir: string }): string {
  if (isAbsolute(path)) return path;
  const inProject = resolve(base.projectRoot, path);
  const underTraces = relative(join(base.projectRoot, 'traces'), inProject);
  if (underTraces === '' || (!underTraces.startsWith('..') && !isAbsolute(underTraces))) {
    return underTraces === '' ? base.tracesDir : join(base.tracesDir, ...underTraces.split(sep));
  }
  return inProject;
}
