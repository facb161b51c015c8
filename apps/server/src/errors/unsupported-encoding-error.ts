import { AIMEError } from '@gepa-aime/core';

/** A request body in a Content-Encoding the service does not decode (HTTP 415). */
export class UnsupportedEncodingError extends AIMEError {
  readonly statusCode = 415;

  constructor(encoding: string) {
    super(
      'unsupported_media_type',
      `content-encoding: ${encoding} is not supported; send the body uncompressed (identity)`,
      { isUserError: true },
    );
  }
}
