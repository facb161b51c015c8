/** The subprotocol the dashboard asks for; the server picks it, so browsers accept the handshake. */
export const WEBSOCKET_PROTOCOL = 'aime';
/**
 * A browser cannot set headers on a WebSocket; the token travels as a second subprotocol
 * `aime.bearer.<base64url of the token>` instead of in the URL (where request logs and proxies see it).
 * The dashboard's `socket-protocols.ts` writes the same format.
 */
export const TOKEN_PROTOCOL_PREFIX = 'aime.bearer.';

/** The token carried in a `Sec-WebSocket-Protocol` header, if any. */
export function tokenFromProtocols(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  for (const protocol of header.split(',')) {
    const value = protocol.trim();
    if (!value.startsWith(TOKEN_PROTOCOL_PREFIX)) continue;
    const encoded = value.slice(TOKEN_PROTOCOL_PREFIX.length);
    if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
    return Buffer.from(encoded, 'base64url').toString('utf8');
  }
  return undefined;
}
