import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const configDirectory = fileURLToPath(new URL('../../config', import.meta.url));

/**
 * A copy of config/ whose GEPA paths (trace_path, run_dir) point into `tracesDirectory`, for
 * AIME_CONFIG_DIR: AIME_TRACES_DIR moves the run logs only, and browser tests must neither read
 * nor grow the repository's own GEPA history.
 */
export function isolatedConfigDirectory(tracesDirectory: string): string {
  const target = join(tracesDirectory, 'config');
  mkdirSync(target, { recursive: true });
  for (const file of readdirSync(configDirectory)) copyFileSync(join(configDirectory, file), join(target, file));
  const gepaConfig = join(target, 'gepa_config.yaml');
  const text = readFileSync(gepaConfig, 'utf8')
    .replace(/^trace_path:.*$/m, `trace_path: ${JSON.stringify(join(tracesDirectory, 'gepa_history.jsonl'))}`)
    .replace(/^run_dir:.*$/m, `run_dir: ${JSON.stringify(join(tracesDirectory, 'gepa'))}`);
  writeFileSync(gepaConfig, text);
  return target;
}
