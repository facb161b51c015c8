import { ModelError, type ModelErrorOptions } from './model-error';

/** No complete answer within `request_timeout` seconds. */
export class ModelTimeoutError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('timeout', message, { ...options, retryable: true, isUserError: false });
  }
}
