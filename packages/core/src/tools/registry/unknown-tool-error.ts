import { AIMEError } from '../../errors/aime-error';

/** A bundle or caller named a tool that no built-in, implementation string or custom module provides. */
export class UnknownToolError extends AIMEError {
  readonly toolName: string;

  constructor(toolName: string, message: string) {
    super('unknown_tool', message, { isUserError: true });
    this.toolName = toolName;
  }
}
