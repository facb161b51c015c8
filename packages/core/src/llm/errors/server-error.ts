import { ModelError, type ModelErrorOptions } from './model-error';

/** The server failed (5xx); retried with backoff. */
export class ModelServerError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('server_error', message, { ...options, retryable: true, isUserError: false });
  }
}
