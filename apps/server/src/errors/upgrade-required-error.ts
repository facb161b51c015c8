import { AIMEError } from '@gepa-aime/core';

/** A plain HTTP request to the WebSocket endpoint (HTTP 426: it must ask for `Upgrade: websocket`). */
export class UpgradeRequiredError extends AIMEError {
  readonly statusCode = 426;

  constructor(message: string) {
    super('upgrade_required', message, { isUserError: true });
  }
}
