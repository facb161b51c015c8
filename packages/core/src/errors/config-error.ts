import { AIMEError } from './aime-error';

/** A configuration file or environment value is unreadable or invalid. The message names the file. */
export class ConfigError extends AIMEError {
  readonly file: string | undefined;

  constructor(message: string, options?: { file?: string; cause?: unknown }) {
    super('config_invalid', message, { cause: options?.cause, isUserError: true });
    this.file = options?.file;
  }
}
