import { ModelError, type ModelErrorOptions } from './model-error';

/** The server could not be reached or dropped the connection (refused, reset, stream cut). */
export class ModelConnectionError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('connection', message, { ...options, retryable: true, isUserError: false });
  }
}
