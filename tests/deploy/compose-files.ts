import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';
import { type ComposeFile, type ComposeService, composeFileSchema } from './compose-schema';
import { interpolate } from './interpolate';

export const repositoryRoot = join(import.meta.dirname, '..', '..');
export const composeFiles = ['docker-compose.yml', 'docker-compose.offline.yml', 'docker-compose.scale.yml'] as const;
export type ComposeFileName = (typeof composeFiles)[number];

/** The environment the checks use: a token (required), nothing else from the caller's shell. */
export const testEnvironment: Record<string, string> = { AIME_API_TOKEN: 'test-token' };

export function readRawComposeFile(name: ComposeFileName): unknown {
  return parse(readFileSync(join(repositoryRoot, name), 'utf8'));
}

/** The compose file as `docker compose` reads it with `env`: interpolated, then validated. */
export function loadComposeFile(name: ComposeFileName, env: Record<string, string> = testEnvironment): ComposeFile {
  return composeFileSchema.parse(interpolate(readRawComposeFile(name), env));
}

export function service(file: ComposeFile, name: string): ComposeService {
  const found = file.services[name];
  if (!found) throw new Error(`no service ${name}`);
  return found;
}

/** Environment of a service as a mapping (`null` = passed through from the host). */
export function environmentOf(found: ComposeService): Record<string, string | null> {
  const environment = found.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const separator = entry.indexOf('=');
        return separator < 0 ? [entry, null] : [entry.slice(0, separator), entry.slice(separator + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? null : String(value)]),
  );
}

/** `docker-compose` (v1, as .ci/run installs it) on PATH, if any. */
export function findDockerCompose(): string | undefined {
  for (const directory of (process.env.PATH ?? '').split(delimiter)) {
    if (!directory) continue;
    const candidate = join(directory, 'docker-compose');
    const probe = spawnSync(candidate, ['version'], { encoding: 'utf8', timeout: 15_000 });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

export interface DockerComposeResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runDockerCompose(
  binary: string,
  file: ComposeFileName,
  args: string[],
  env: Record<string, string> = testEnvironment,
): DockerComposeResult {
  const result = spawnSync(binary, ['-f', file, ...args], {
    cwd: repositoryRoot,
    encoding: 'utf8',
    timeout: 60_000,
    // A clean environment: only PATH/HOME from the shell, so a variable set by the caller cannot mask a missing default.
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
