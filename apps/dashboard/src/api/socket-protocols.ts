/** The subprotocol the server answers with (`apps/server/src/http/websocket-token.ts`). */
const websocketProtocol = 'aime';
const tokenProtocolPrefix = 'aime.bearer.';

/**
 * The subprotocols of the dashboard's WebSocket: with a token, `aime` plus `aime.bearer.<base64url
 * of the token>` — a browser cannot set an Authorization header on a WebSocket, and a token in the
 * URL ends up in request logs and proxies.
 */
export function socketProtocols(token: string | null): string[] {
  if (!token) return [];
  const bytes = new TextEncoder().encode(token);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  const encoded = btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return [websocketProtocol, `${tokenProtocolPrefix}${encoded}`];
}
