/** A non-2xx answer from the server, carrying the server's own message (e.g. a 400 naming the field). */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Fastify and our routes answer `{ message }` (sometimes with `error`); fall back to the status text. */
export async function readErrorMessage(response: Response): Promise<string> {
  const fallback = `${response.status} ${response.statusText}`.trim();
  try {
    const body: unknown = await response.json();
    if (body && typeof body === 'object') {
      const record = body as Record<string, unknown>;
      if (typeof record.message === 'string' && record.message) return record.message;
      if (typeof record.error === 'string' && record.error) return record.error;
    }
  } catch {
    // not JSON: the status line is all there is
  }
  return fallback;
}
