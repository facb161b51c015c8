import { isAbsolute, resolve } from 'node:path';

/** `trace_path` of gepa_config.yaml as an absolute path: relative paths resolve against `baseDirectory` (default: cwd). */
export function resolveTracePath(tracePath: string, baseDirectory?: string): string {
  return isAbsolute(tracePath) ? tracePath : resolve(baseDirectory ?? process.cwd(), tracePath);
}
