import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** Methods some route accepts for this path (empty: no route has the path at all). */
    allowedMethods(path: string): string[];
  }
}

interface RoutePath {
  pattern: RegExp;
  methods: Set<string>;
}

/** `/runs/:id/cancel` → a regular expression matching `/runs/<anything but />/cancel`. */
export function routePattern(url: string): RegExp {
  const source = url
    .split('/')
    .map((part) => (part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Records every route as it is registered, so the not-found handler can tell "no such path"
 * (404) from "this path exists, with other methods" (405 with `Allow`). Register it before the
 * routes. Wildcard routes (static files, docs assets) are left out: they would claim every path.
 */
export default fp(
  async function methodNotAllowed(fastify: FastifyInstance) {
    const paths = new Map<string, RoutePath>();
    fastify.addHook('onRoute', (route) => {
      if (route.url.includes('*')) return;
      const entry = paths.get(route.url) ?? { pattern: routePattern(route.url), methods: new Set<string>() };
      for (const method of [route.method].flat()) entry.methods.add(method.toUpperCase());
      paths.set(route.url, entry);
    });
    fastify.decorate('allowedMethods', (path: string) => {
      const methods = new Set<string>();
      for (const entry of paths.values()) {
        if (entry.pattern.test(path)) for (const method of entry.methods) methods.add(method);
      }
      return [...methods].sort();
    });
  },
  { name: 'method-not-allowed' },
);
