import { ModelError, type ModelErrorOptions } from './model-error';

/** The server does not serve the configured model (or the endpoint path does not exist). */
export class ModelNotFoundError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('model_not_found', message, { ...options, retryable: false, isUserError: true });
  }
}
