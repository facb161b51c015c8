/** What went wrong on the way to the model server, and what to check — for one-line error messages. */
export interface ConnectionFailure {
  /** `connection refused (ECONNREFUSED)`, `DNS lookup failed (ENOTFOUND)`, … */
  reason: string;
  hint: string;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|UNABLE_TO_|SELF_SIGNED_|DEPTH_ZERO_|EPROTO$)/;

interface Kind {
  test: (code: string, message: string) => boolean;
  reason: string;
  hint: string;
}

const KINDS: Kind[] = [
  {
    test: (code) => code === 'ECONNREFUSED',
    reason: 'connection refused',
    hint: 'Is the model server running, and are the host and port in api_base (or AIME_API_BASE) right?',
  },
  {
    test: (code) => code === 'ENOTFOUND' || code === 'EAI_AGAIN',
    reason: 'DNS lookup failed',
    hint: 'Check the host name in api_base (or AIME_API_BASE) and this machine’s DNS.',
  },
  {
    test: (code, message) => TLS_CODE.test(code) || /certificate|ssl|tls/i.test(message),
    reason: 'TLS handshake failed',
    hint: 'Check http:// vs https:// in api_base and the server’s certificate (NODE_EXTRA_CA_CERTS for a private CA).',
  },
  {
    test: (code) => code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT',
    reason: 'connecting timed out',
    hint: 'Check that the host is reachable from here (firewall, VPN, the port being published).',
  },
  {
    test: (code) => code === 'EHOSTUNREACH' || code === 'ENETUNREACH',
    reason: 'host unreachable',
    hint: 'Check the address in api_base and this machine’s network.',
  },
  {
    test: (code, message) =>
      code === 'ECONNRESET' ||
      code === 'EPIPE' ||
      code === 'UND_ERR_SOCKET' ||
      /terminated|other side closed/i.test(message),
    reason: 'the server closed the connection',
    hint: 'Check the model server’s log (it may have crashed or restarted) and any proxy in between.',
  },
];

/** Walks the error and its causes (fetch wraps the system error) for a code or message it knows. */
export function describeConnectionFailure(error: unknown): ConnectionFailure {
  let current: unknown = error;
  let deepest = error instanceof Error ? error.message : String(error);
  for (let depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = String((current as { code?: unknown }).code ?? '');
    for (const kind of KINDS) {
      if (kind.test(code, current.message)) {
        return { reason: code ? `${kind.reason} (${code})` : kind.reason, hint: kind.hint };
      }
    }
    deepest = current.message;
    current = current.cause;
  }
  return {
    reason: deepest,
    hint: 'Check api_base (or AIME_API_BASE) and that the model server is running and reachable.',
  };
}

/** `Cannot reach the model server at http://127.0.0.1:8000/v1: connection refused (ECONNREFUSED). Is …` */
export function connectionFailureMessage(error: unknown, url: string | undefined): string {
  const { reason, hint } = describeConnectionFailure(error);
  return `Cannot reach the model server${url ? ` at ${url}` : ''}: ${reason}. ${hint}`;
}
