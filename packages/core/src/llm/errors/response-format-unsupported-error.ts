import { ModelError, type ModelErrorOptions } from './model-error';

/**
 * The server refuses structured output (`response_format: json_schema`), which the planner asks
 * for on every call.
 */
export class ResponseFormatUnsupportedError extends ModelError {
  constructor(message: string, options: ModelErrorOptions = {}) {
    super('response_format_unsupported', message, { ...options, retryable: false, isUserError: true });
  }
}
