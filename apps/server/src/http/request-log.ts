import type { FastifyRequest, FastifyServerOptions } from 'fastify';

/** Query parameters whose value is a credential (the dashboard's `/ws?token=`). */
const SECRET_PARAMETERS = /([?&](?:token|access_token|api_key)=)[^&#]*/gi;

/** The URL with every credential in its query replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMETERS, '$1[redacted]');
}

/**
 * Fastify's logger settings with a request serializer that never writes a token: Fastify logs
 * `req.url` on every request line, and a browser can only pass the token of a WebSocket in the URL.
 */
export function withRedactedUrls(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (logger === undefined || logger === false) return logger;
  const settings = logger === true ? {} : logger;
  return {
    ...settings,
    serializers: {
      ...settings.serializers,
      req: (request: FastifyRequest) => ({
        method: request.method,
        url: redactUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
        remotePort: request.socket?.remotePort,
      }),
    },
  };
}
