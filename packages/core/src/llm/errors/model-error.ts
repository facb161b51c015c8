import { AIMEError } from '../../errors/aime-error';

export type ModelErrorCode =
  | 'context_length_exceeded'
  | 'model_not_found'
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'timeout'
  | 'connection'
  | 'invalid_response'
  | 'bad_request'
  | 'tool_choice_unsupported'
  | 'response_format_unsupported'
  | 'aborted';

export interface ModelErrorOptions {
  status?: number;
  cause?: unknown;
}

/**
 * Root of the model layer's errors. `retryable` says whether sending the same request again may
 * succeed (429, 5xx, network); `status` is the HTTP status when the server answered.
 */
export class ModelError extends AIMEError {
  declare readonly code: ModelErrorCode;
  readonly status: number | undefined;
  readonly retryable: boolean;

  constructor(
    code: ModelErrorCode,
    message: string,
    options: ModelErrorOptions & { retryable: boolean; isUserError?: boolean },
  ) {
    super(code, message, { cause: options.cause, isUserError: options.isUserError ?? false });
    this.status = options.status;
    this.retryable = options.retryable;
  }
}
