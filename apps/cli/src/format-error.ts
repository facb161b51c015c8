import { AIMEError } from '@gepa-aime/core';
import { UsageError } from './command';

/**
 * One line for the terminal: `aime: <message>` for usage and config/model errors (which say what
 * to fix), never a stack trace unless AIME_DEBUG is set.
 */
export function formatError(error: unknown, env: NodeJS.ProcessEnv): string {
  if (env.AIME_DEBUG && error instanceof Error && error.stack) return error.stack;
  if (error instanceof UsageError) return `aime: ${error.message}`;
  if (error instanceof AIMEError) return `aime: ${error.code}: ${firstLine(error.message)}`;
  if (error instanceof Error)
    return `aime: unexpected error: ${firstLine(error.message)} (set AIME_DEBUG=1 for details)`;
  return `aime: unexpected error: ${String(error)}`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
