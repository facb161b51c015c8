import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

export interface DashboardOptions {
  /** The dashboard's build output (apps/dashboard/dist); `null` disables static hosting. */
  directory: string | null;
}

/** Paths the API owns: unknown paths under them answer a JSON 404, never the dashboard page. */
const API_PREFIXES = ['/runs', '/gepa', '/health', '/ready', '/metrics', '/ws', '/docs'];

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>GEPA-AIME</title></head>
<body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>GEPA-AIME</h1>
<p>The API is running, but the dashboard has not been built.</p>
<p>Run <code>pnpm build</code> (or <code>pnpm start</code>, which builds first) and reload this page.</p>
<p>API documentation: <a href="/docs">/docs</a> · health: <a href="/health">/health</a></p>
</body></html>`;

/**
 * Serves the built dashboard at `/` with an SPA fallback: a browser navigation to a path that is
 * neither a file nor an API route gets `index.html`. Everything else unknown is a JSON 404.
 */
export default fp(
  async function dashboard(fastify: FastifyInstance, options: DashboardOptions) {
    const directory = options.directory;
    const built = directory !== null && existsSync(join(directory, 'index.html'));
    if (built) {
      await fastify.register(fastifyStatic, { root: directory, prefix: '/', index: ['index.html'] });
    } else if (directory !== null) {
      fastify.log.warn({ directory }, 'dashboard is not built: serving a placeholder page at / (run `pnpm build`)');
      fastify.get('/', { schema: { hide: true } }, async (_request, reply) =>
        reply.type('text/html').send(NOT_BUILT_PAGE),
      );
    }

    fastify.setNotFoundHandler((request, reply) => {
      if (directory !== null && isPageNavigation(request)) {
        if (built) return reply.type('text/html').sendFile('index.html');
        return reply.type('text/html').send(NOT_BUILT_PAGE);
      }
      return notFound(fastify, request, reply);
    });
  },
  { name: 'dashboard' },
);

function isPageNavigation(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (API_PREFIXES.some((prefix) => path === prefix || path.startsWith(`${prefix}/`))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

function notFound(fastify: FastifyInstance, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const path = request.url.split('?')[0] ?? '/';
  const allowed = fastify.allowedMethods(path);
  if (allowed.length > 0) {
    return reply
      .code(405)
      .header('allow', allowed.join(', '))
      .send({
        statusCode: 405,
        error: 'method_not_allowed',
        message: `${request.method} is not allowed on ${path}; it accepts ${allowed.join(', ')}`,
      });
  }
  return reply.code(404).send({ statusCode: 404, error: 'not_found', message: `no route ${request.method} ${path}` });
}
