import { ModelError, type ModelErrorOptions } from './model-error';

/** The server asked us to slow down (429); `retryAfterMs` comes from its Retry-After header. */
export class RateLimitedError extends ModelError {
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ModelErrorOptions & { retryAfterMs?: number } = {}) {
    super('rate_limited', message, { status: options.status, cause: options.cause, retryable: true });
    this.retryAfterMs = options.retryAfterMs;
  }
}
