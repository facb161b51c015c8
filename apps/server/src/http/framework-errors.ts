import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { UriTooLongError } from '../errors/uri-too-long-error';
import { toErrorResponse } from '../plugins/error-handler';
import type { ErrorResponse } from '../schemas/error';

/**
 * Errors Fastify's router raises before any route or hook runs (Fastify's `frameworkErrors`):
 * answered in the service's error shape instead of Fastify's own JSON.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const body = frameworkErrorResponse(error);
  request.log.info({ statusCode: body.statusCode, error: body.error }, body.message);
  void reply.code(body.statusCode).type('application/json').send(body);
}

export function frameworkErrorResponse(error: FastifyError): ErrorResponse {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') return toErrorResponse(new UriTooLongError());
  if (error.code === 'FST_ERR_BAD_URL') {
    return {
      statusCode: 400,
      error: 'bad_request',
      message: 'url: a path parameter is not valid percent-encoding',
    };
  }
  return toErrorResponse(error);
}

/**
 * Requests Node's HTTP parser refuses (malformed, headers too large, too slow): Node would close
 * the socket with Fastify's default body; answer in the service's error shape, then close.
 */
export function answerClientError(
  this: { log: { trace: (object: object, message: string) => void } },
  error: NodeJS.ErrnoException,
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const body = clientErrorResponse(error);
  this.log.trace({ err: error }, `client error: ${body.message}`);
  if (socket.writable) {
    const text = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${body.statusCode} ${STATUS_CODES[body.statusCode]}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
    );
  }
  socket.destroy(error);
}

export function clientErrorResponse(error: NodeJS.ErrnoException): ErrorResponse {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return { statusCode: 408, error: 'request_timeout', message: 'the request did not arrive in time' };
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return { statusCode: 431, error: 'headers_too_large', message: 'request headers exceed the size limit' };
  }
  return { statusCode: 400, error: 'bad_request', message: `malformed HTTP request (${error.code ?? 'parse error'})` };
}
