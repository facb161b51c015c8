/** A non-2xx answer from the server, carrying the server's own message (e.g. a 400 naming the field). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    /** For 400s: each invalid field as the server names it (`body.goal`) and what is wrong (`is required`). */
    readonly fields: FieldProblem[] = [],
  ) {
    super(message);
  }
}

export interface FieldProblem {
  path: string;
  message: string;
}

export interface ErrorBody {
  message: string;
  fields: FieldProblem[];
}

/** The server answers `{ statusCode, error, message, fields? }`; fall back to the status line. */
export async function readErrorBody(response: Response): Promise<ErrorBody> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      const fields = Array.isArray(record.fields)
        ? record.fields.flatMap((field) => {
            const { path, message } = (field ?? {}) as { path?: unknown; message?: unknown };
            return typeof path === 'string'
              ? [{ path, message: typeof message === 'string' ? message : 'is invalid' }]
              : [];
          })
        : [];
      const message =
        typeof record.message === 'string' && record.message
          ? record.message
          : typeof record.error === 'string' && record.error
            ? record.error
            : fallback;
      return { message, fields };
    }
  } catch {
    // not JSON: the status line is all there is
  }
  return { message: fallback, fields: [] };
}
