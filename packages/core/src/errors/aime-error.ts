/**
 * Root of the typed error hierarchy. Every error the library throws on purpose carries a stable
 * `code`; `isUserError` separates problems the caller can fix (config, input) from system faults.
 */
export class AIMEError extends Error {
  readonly code: string;
  readonly isUserError: boolean;

  constructor(code: string, message: string, options?: { cause?: unknown; isUserError?: boolean }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.isUserError = options?.isUserError ?? false;
  }
}
