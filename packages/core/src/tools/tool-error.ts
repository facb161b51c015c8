import { AIMEError } from '../errors/aime-error';

/**
 * A tool could not do what the model asked (bad path, file too large, backend down …). The actor
 * turns it into an observation the model can react to; it never ends the run.
 */
export class ToolError extends AIMEError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(code, message, { cause: options?.cause, isUserError: true });
  }
}
