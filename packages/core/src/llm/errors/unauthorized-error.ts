import { ModelError, type ModelErrorOptions } from './model-error';

/** The server rejected the API key (401/403). */
export class UnauthorizedError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('unauthorized', message, { ...options, retryable: false, isUserError: true });
  }
}
