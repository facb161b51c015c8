import { describe, expect, it } from 'vitest';
import { connectionFailureMessage, describeConnectionFailure } from './connection-failure';

/** fetch's shape: `TypeError('fetch failed')` whose cause is the system error with a code. */
function fetchFailure(code: string, message = `connect ${code}`): Error {
  return new TypeError('fetch failed', { cause: Object.assign(new Error(message), { code }) });
}

describe('describeConnectionFailure', () => {
  it.each([
    ['ECONNREFUSED', 'connection refused (ECONNREFUSED)', /model server running/],
    ['ENOTFOUND', 'DNS lookup failed (ENOTFOUND)', /host name/],
    ['EAI_AGAIN', 'DNS lookup failed (EAI_AGAIN)', /DNS/],
    ['CERT_HAS_EXPIRED', 'TLS handshake failed (CERT_HAS_EXPIRED)', /https/],
    ['SELF_SIGNED_CERT_IN_CHAIN', 'TLS handshake failed (SELF_SIGNED_CERT_IN_CHAIN)', /NODE_EXTRA_CA_CERTS/],
    ['UND_ERR_CONNECT_TIMEOUT', 'connecting timed out (UND_ERR_CONNECT_TIMEOUT)', /reachable/],
    ['EHOSTUNREACH', 'host unreachable (EHOSTUNREACH)', /network/],
    ['ECONNRESET', 'the server closed the connection (ECONNRESET)', /log/],
  ])('names %s as "%s" with what to check', (code, reason, hint) => {
    const failure = describeConnectionFailure(fetchFailure(code));
    expect(failure.reason).toBe(reason);
    expect(failure.hint).toMatch(hint);
  });

  it('finds the cause under the SDK wrapper and names the URL', () => {
    const sdk = new Error('Connection error.', { cause: fetchFailure('ECONNREFUSED') });
    expect(connectionFailureMessage(sdk, 'http://127.0.0.1:8000/v1')).toBe(
      'Cannot reach the model server at http://127.0.0.1:8000/v1: connection refused (ECONNREFUSED). ' +
        'Is the model server running, and are the host and port in api_base (or AIME_API_BASE) right?',
    );
  });

  it('falls back to the innermost message it has', () => {
    const odd = new Error('Connection error.', { cause: new Error('something unusual') });
    expect(describeConnectionFailure(odd).reason).toBe('something unusual');
  });
});
