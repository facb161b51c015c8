import { ModelError, type ModelErrorOptions } from './model-error';

/** The prompt plus the requested completion does not fit the model's context window. */
export class ContextLengthExceededError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('context_length_exceeded', message, { ...options, retryable: false, isUserError: true });
  }
}
