import { AIMEError } from '@gepa-aime/core';

/** The listen address is taken (another GEPA-AIME, or any other program): say what to do, not EADDRINUSE. */
export class PortInUseError extends AIMEError {
  readonly port: number;

  constructor(host: string, port: number) {
    super(
      'port_in_use',
      `${host}:${port} is already in use (another GEPA-AIME server, or another program). ` +
        `Stop it, or choose another port (AIME_PORT=${port + 1}, or --port ${port + 1} for aime --viz)`,
    );
    this.port = port;
  }
}
