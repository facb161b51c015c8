import { UsageError } from './command';

/** An integer option of at least `minimum` (1: "positive", 0: "non-negative"), or undefined when absent. */
export function integerOption(name: string, value: string | undefined, minimum: 0 | 1 = 1): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < minimum) {
    const kind = minimum === 1 ? 'a positive integer' : 'a non-negative integer';
    throw new UsageError(`--${name} must be ${kind} (got '${value}')`);
  }
  return number;
}
