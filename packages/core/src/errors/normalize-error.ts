import { AimeError } from './aime-error';

/** Turns any thrown value into an AimeError exactly once, keeping the original as `cause`. */
export function normalizeError(error: unknown): AimeError {
  if (error instanceof AimeError) return error;
  if (error instanceof Error) {
    if (error.name === 'AbortError') return new AimeError('aborted', 'The operation was cancelled', { cause: error });
    return new AimeError('internal', error.message, { cause: error });
  }
  return new AimeError('internal', String(error));
}
