import { AIMEError } from '../../errors/aime-error';

/** A custom tool module from tool_bundles.json could not be imported or does not export a valid tool. */
export class CustomToolError extends AIMEError {
  readonly modulePath: string;

  constructor(modulePath: string, message: string, options?: { cause?: unknown }) {
    super('custom_tool_invalid', `${modulePath}: ${message}`, { cause: options?.cause, isUserError: true });
    this.modulePath = modulePath;
  }
}
