import { AIMEError } from '@gepa-aime/core';

/** The service is shutting down and accepts no new runs (HTTP 503). */
export class ServiceUnavailableError extends AIMEError {
  readonly statusCode = 503;

  constructor(message: string) {
    super('service_unavailable', message);
  }
}
