import type { z } from 'zod';
import { ConfigError } from '../errors/config-error';

/** A ConfigError naming, for each invalid field, the environment variable it came from (`names`: field → variable). */
export function environmentError(error: z.ZodError, names: Record<string, string>): ConfigError {
  const problems = error.issues.map(
    (issue) => `${names[String(issue.path[0])] ?? issue.path.join('.')}: ${issue.message}`,
  );
  return new ConfigError(`environment: ${problems.join('; ')}`);
}
