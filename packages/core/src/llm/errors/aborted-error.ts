import { ModelError, type ModelErrorOptions } from './model-error';

/** The caller's AbortSignal cancelled the request. */
export class ModelAbortedError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('aborted', message, { ...options, retryable: false, isUserError: false });
  }
}
