import type { FastifyRequest } from 'fastify';
import type { ErrorResponse } from '../schemas/error';

/**
 * Fastify's own messages for a refused body say what happened but not what to send instead
 * ("Unsupported Media Type: …", "Request body is too large"); these say both.
 */
export function describeRequestProblem(body: ErrorResponse, error: unknown, request: FastifyRequest): ErrorResponse {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return { ...body, message: unsupportedMediaTypeMessage(request.headers['content-type']) };
  }
  if (code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return { ...body, message: bodyTooLargeMessage(request.routeOptions.bodyLimit, request) };
  }
  return body;
}

export function unsupportedMediaTypeMessage(contentType: string | undefined): string {
  const got = contentType ? `got ${contentType.split(';')[0]?.trim()}` : 'no Content-Type was sent';
  return (
    `body: send JSON with the header "Content-Type: application/json" (${got}); ` +
    `with curl: -H 'content-type: application/json' -d '{"goal": "…"}'`
  );
}

export function bodyTooLargeMessage(limitBytes: number | undefined, request: FastifyRequest): string {
  const limit = limitBytes === undefined ? 'the size limit' : `the ${formatBytes(limitBytes)} limit`;
  const route = `${request.method} ${request.routeOptions.url ?? request.url.split('?')[0]}`;
  return `body: larger than ${limit} of ${route}`;
}

function formatBytes(bytes: number): string {
  if (bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`;
  if (bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
