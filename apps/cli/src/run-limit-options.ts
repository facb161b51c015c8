import { integerOption } from './integer-option';

/** `--max-iterations` and `--max-parallel`, for the commands that start AIME runs. */
export const RUN_LIMIT_OPTIONS = {
  'max-iterations': { type: 'string' },
  'max-parallel': { type: 'string' },
} as const;

/** The limits given on the command line (validated positive integers); absent ones are left out. */
export function runLimits(values: { 'max-iterations'?: string | undefined; 'max-parallel'?: string | undefined }): {
  maxIterations?: number;
  maxParallelActors?: number;
} {
  const maxIterations = integerOption('max-iterations', values['max-iterations']);
  const maxParallelActors = integerOption('max-parallel', values['max-parallel']);
  return {
    ...(maxIterations !== undefined ? { maxIterations } : {}),
    ...(maxParallelActors !== undefined ? { maxParallelActors } : {}),
  };
}
