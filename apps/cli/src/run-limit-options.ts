import { RUN_LIMIT_RANGES } from '@gepa-aime/core';
import { UsageError } from './command';

/** `--max-iterations` and `--max-parallel`, for the commands that start AIME runs. */
export const RUN_LIMIT_OPTIONS = {
  'max-iterations': { type: 'string' },
  'max-parallel': { type: 'string' },
} as const;

/** A whole number within `range` (the API's range for the same limit), or undefined when absent. */
function limitOption(name: string, value: string | undefined, range: { min: number; max: number }): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw new UsageError(`--${name} must be a whole number from ${range.min} to ${range.max} (got '${value}')`);
  }
  return number;
}

/** The limits given on the command line (validated against the API's ranges); absent ones are left out. */
export function runLimits(values: { 'max-iterations'?: string | undefined; 'max-parallel'?: string | undefined }): {
  maxIterations?: number;
  maxParallelActors?: number;
} {
  const maxIterations = limitOption('max-iterations', values['max-iterations'], RUN_LIMIT_RANGES.maxIterations);
  const maxParallelActors = limitOption('max-parallel', values['max-parallel'], RUN_LIMIT_RANGES.maxParallelActors);
  return {
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    ...(maxParallelActors !== undefined ? { maxParallelActors } : {}),
  };
}
