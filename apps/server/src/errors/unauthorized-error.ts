import { AIMEError } from '@gepa-aime/core';

/** Missing or wrong credentials (HTTP 401), or a request from a context that may not use the API (403). */
export class UnauthorizedError extends AIMEError {
  readonly statusCode: 401 | 403;

  constructor(message: string, statusCode: 401 | 403 = 401) {
    super(statusCode === 401 ? 'unauthorized' : 'forbidden', message, { isUserError: true });
    this.statusCode = statusCode;
  }
}
