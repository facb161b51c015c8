import { readFileSync } from 'node:fs';

/** The CLI's version, from apps/cli/package.json. */
export function cliVersion(): string {
  const packageJson = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return packageJson.version ?? '0.0.0';
}
