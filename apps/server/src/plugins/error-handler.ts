import { AIMEError } from '@gepa-aime/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { BadRequestError } from '../errors/bad-request-error';
import { describeField } from '../http/field-message';
import { describeRequestProblem } from '../http/request-problem';
import type { ErrorResponse } from '../schemas/error';

/**
 * One error shape for every route: 4xx answers say what was wrong (400s name each field);
 * 5xx answers are generic — details and stacks go to the log only.
 */
export default fp(
  async function errorHandler(fastify: FastifyInstance) {
    fastify.setErrorHandler((error: FastifyError | AIMEError | Error, request, reply) => {
      const body = describeRequestProblem(toErrorResponse(error), error, request);
      if (body.statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ statusCode: body.statusCode, error: body.error }, body.message);
      if (body.statusCode === 401) reply.header('www-authenticate', 'Bearer');
      return reply.code(body.statusCode).type('application/json').send(body);
    });
  },
  { name: 'error-handler' },
);

export function toErrorResponse(error: unknown): ErrorResponse {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = (error as FastifyError).validationContext ?? 'request';
    const fields = error.validation.flatMap((issue) => {
      const path = [context, ...issue.instancePath.split('/').filter((part) => part.length > 0)];
      const unknownKeys = (issue.params as { keys?: unknown }).keys;
      if (issue.keyword === 'unrecognized_keys' && Array.isArray(unknownKeys)) {
        return unknownKeys.map((key) => ({ path: [...path, String(key)].join('.'), message: 'is not a known field' }));
      }
      return [{ path: path.join('.'), message: issue.message ?? 'invalid' }];
    });
    return {
      statusCode: 400,
      error: 'bad_request',
      message: fields.map((field) => describeField(field.path, field.message)).join('; '),
      fields,
    };
  }
  const statusCode = statusOf(error);
  if (statusCode >= 500 && !(error instanceof AIMEError && error.code === 'service_unavailable')) {
    return { statusCode, error: 'internal', message: 'Internal server error' };
  }
  const body: ErrorResponse = {
    statusCode,
    error: codeOf(error, statusCode),
    message: error instanceof Error ? error.message : 'Error',
  };
  if (error instanceof BadRequestError && error.fields !== undefined) body.fields = error.fields;
  return body;
}

function statusOf(error: unknown): number {
  if (typeof error === 'object' && error !== null) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && status >= 400 && status < 600) return status;
    if (error instanceof AIMEError && error.isUserError) return 400;
  }
  return 500;
}

const CODES_BY_STATUS: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  426: 'upgrade_required',
  503: 'service_unavailable',
};

function codeOf(error: unknown, statusCode: number): string {
  if (error instanceof AIMEError) return error.code;
  return CODES_BY_STATUS[statusCode] ?? 'error';
}
