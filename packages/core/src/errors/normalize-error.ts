import { AIMEError } from './aime-error';

/** Turns any thrown value into an AIMEError exactly once, keeping the original as `cause`. */
export function normalizeError(error: unknown): AIMEError {
  if (error instanceof AIMEError) return error;
  if (error instanceof Error) {
    if (error.name === 'AbortError') return new AIMEError('aborted', 'The operation was cancelled', { cause: error });
    return new AIMEError('internal', error.message, { cause: error });
  }
  return new AIMEError('internal', String(error));
}
