import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { UnauthorizedError } from '../errors/unauthorized-error';
import { LOOPBACK_HOSTS, urlHost } from '../http/loopback';
import { tokenFromProtocols } from '../http/websocket-token';

export interface AuthOptions {
  /** When set, every API route and the WebSocket upgrade need `Authorization: Bearer <token>`. */
  apiToken: string | undefined;
}

/** Routes that stay open with a token: liveness, the API docs, and the dashboard's static files. */
function isPublicRoute(url: string | undefined): boolean {
  if (url === undefined) return false;
  return url === '/health' || url === '/' || url === '/*' || url === '/docs' || url.startsWith('/docs/');
}

/**
 * Bearer-token check on every request when a token is configured. Browsers cannot set headers on
 * a WebSocket, so `/ws` also accepts the token as a subprotocol (what the dashboard sends) or `?token=`. Without a token the service is loopback-only
 * (enforced at start-up), and cross-site pages are kept out by the Host/Origin checks.
 */
export default fp(
  async function auth(fastify: FastifyInstance, options: AuthOptions) {
    const expected = options.apiToken === undefined ? undefined : digest(options.apiToken);
    fastify.addHook('onRequest', async (request) => {
      if (expected === undefined) {
        rejectForeignBrowserContext(request);
        return;
      }
      if (isPublicRoute(request.routeOptions.url)) return;
      const presented = presentedToken(request);
      if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
        throw new UnauthorizedError(presented === undefined ? 'missing bearer token' : 'invalid bearer token');
      }
    });
  },
  { name: 'auth' },
);

function presentedToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match?.[1];
  }
  if (request.routeOptions.url === '/ws') {
    const fromProtocol = tokenFromProtocols(request.headers['sec-websocket-protocol']);
    if (fromProtocol) return fromProtocol;
    const token = (request.query as Record<string, unknown> | undefined)?.token;
    if (typeof token === 'string' && token.length > 0) return token;
  }
  return undefined;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function hostnameOf(hostHeader: string): string {
  if (hostHeader.startsWith('[')) return hostHeader.slice(0, hostHeader.indexOf(']') + 1);
  return hostHeader.split(':')[0] ?? '';
}

/**
 * Without a token the API is open to anything that can reach loopback — including web pages in
 * the user's browser. Refuse requests whose Host is not loopback (DNS rebinding) and WebSocket
 * upgrades from a foreign Origin (cross-site WebSocket hijacking; browsers enforce CORS for fetch).
 */
function rejectForeignBrowserContext(request: FastifyRequest): void {
  const host = request.headers.host;
  if (host !== undefined && !LOOPBACK_HOSTS.has(hostnameOf(host))) {
    throw new UnauthorizedError(`host ${host} is not loopback; set AIME_API_TOKEN to serve other hosts`, 403);
  }
  const origin = request.headers.origin;
  if (origin !== undefined && request.headers.upgrade !== undefined) {
    let originHost: string;
    try {
      originHost = new URL(origin).hostname;
    } catch {
      throw new UnauthorizedError('invalid Origin header', 403);
    }
    if (!LOOPBACK_HOSTS.has(urlHost(originHost)))
      throw new UnauthorizedError(`origin ${origin} may not open the WebSocket`, 403);
  }
}
