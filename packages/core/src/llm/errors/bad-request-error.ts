import { ModelError, type ModelErrorOptions } from './model-error';

/** The server rejected the request as invalid (400/422) for a reason other than context length. */
export class BadRequestError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('bad_request', message, { ...options, retryable: false, isUserError: true });
  }
}
