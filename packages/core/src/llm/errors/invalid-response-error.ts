import { ModelError, type ModelErrorOptions } from './model-error';

/** The server answered with something that is not a valid OpenAI-compatible response. */
export class InvalidResponseError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('invalid_response', message, { ...options, retryable: false, isUserError: false });
  }
}
