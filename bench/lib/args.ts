/** Splits `name --key value --flag` into the benchmark name and its flags. */
export function parseBenchArgs(argv: readonly string[]): { name?: string; flags: Record<string, string | boolean> } {
  const flags: Record<string, string | boolean> = {};
  let name: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] as string;
    if (argument.startsWith('--')) {
      const [key, inline] = argument.slice(2).split('=', 2) as [string, string | undefined];
      const next = argv[index + 1];
      if (inline !== undefined) flags[key] = inline;
      else if (next !== undefined && !next.startsWith('--')) {
        flags[key] = next;
        index++;
      } else flags[key] = true;
    } else if (name === undefined && argument !== '--') {
      name = argument;
    }
  }
  return name === undefined ? { flags } : { name, flags };
}

/** A numeric flag, or the fallback when absent; throws on a non-number. */
export function numberFlag(flags: Record<string, string | boolean>, key: string, fallback: number): number {
  const value = flags[key];
  if (value === undefined || value === true || value === false) return fallback;
  const parsed = Number(value);
  if (!Number.isFinite(parsed)) throw new RangeError(`--${key} must be a number, got ${value}`);
  return parsed;
}
