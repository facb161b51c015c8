import { ToolError } from '../tool-error';

export type SandboxErrorCode =
  | 'path_empty'
  | 'path_invalid'
  | 'path_too_long'
  | 'path_outside_workspace'
  | 'path_protected'
  | 'path_not_found'
  | 'path_not_directory'
  | 'symlink_write'
  | 'symlink_dangling'
  | 'special_file'
  | 'path_changed'
  | 'hard_link';

/** A path was refused by the workspace sandbox; the message says why and names the path. */
export class SandboxError extends ToolError {
  readonly requestedPath: string;
  declare readonly code: SandboxErrorCode;

  constructor(code: SandboxErrorCode, requestedPath: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.requestedPath = requestedPath;
  }
}
