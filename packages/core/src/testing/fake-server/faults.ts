import type { ServerResponse } from 'node:http';
import type { FakeFault } from './types';

export function isFault(reply: unknown): reply is FakeFault {
  return typeof reply === 'object' && reply !== null && 'fault' in reply;
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** Writes one of the status-code faults (the others are played by send-fault.ts). */
export function sendStatusFault(response: ServerResponse, fault: FakeFault): void {
  switch (fault.fault) {
    case 'rate-limit':
      sendJson(
        response,
        429,
        { error: { message: 'Rate limit reached, slow down', type: 'rate_limit_error', code: 'rate_limited' } },
        fault.retryAfter === undefined ? {} : { 'retry-after': String(fault.retryAfter) },
      );
      return;
    case 'server-error':
      sendJson(response, fault.status ?? 500, {
        error: { message: 'Internal server error (injected)', type: 'InternalServerError', code: 'server_error' },
      });
      return;
    case 'malformed-json':
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"id": "chatcmpl-broken", "choices": [{"message": {"content": "unterminated');
      return;
    case 'error':
      sendJson(response, fault.status, errorBody(fault));
      return;
    default:
      throw new Error(`fault ${fault.fault} is not a status fault`);
  }
}

function errorBody(fault: Extract<FakeFault, { fault: 'error' }>): unknown {
  if (fault.shape === 'detail') return { detail: fault.message };
  const fields = { message: fault.message, type: fault.type ?? 'BadRequestError', code: fault.code ?? null };
  if (fault.shape === 'flat') return { object: 'error', ...fields, param: null };
  return { error: { ...fields, param: null } };
}
