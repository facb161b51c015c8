// Bundles the service into dist/server.js for Node 20 (`node apps/server/dist/server.js`), plus
// dist/worker.js (`aime worker`) and dist/db-migrate.js (`aime db migrate`) for the scale-out mode.
// External: the server's own npm dependencies (loaded from apps/server/node_modules at run time).
// Bundled: our TypeScript, @gepa-aime/core (which ships TS sources Node cannot run) and core's npm
// dependencies — with pnpm's strict layout those are not resolvable from apps/server, so plain
// `packages: 'external'` would leave imports that fail at start-up.
import { readFileSync } from 'node:fs';
import { build } from 'esbuild';

const here = new URL('.', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', here), 'utf8'));
const external = Object.entries(manifest.dependencies ?? {})
  .filter(([, version]) => !String(version).startsWith('workspace:'))
  .map(([name]) => name);

await build({
  // The API server, and the scale-out mode's worker and migration entry points (same image).
  entryPoints: {
    server: new URL('src/server.ts', here).pathname,
    worker: new URL('src/worker.ts', here).pathname,
    'db-migrate': new URL('src/db-migrate.ts', here).pathname,
  },
  outdir: new URL('dist', here).pathname,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'esm',
  sourcemap: true,
  // Each external package and its subpaths (e.g. `fastify`, `zod/v4/core`).
  external: external.flatMap((name) => [name, `${name}/*`]),
  // Bundled CommonJS code may call require(); ESM output has none, so create one.
  banner: {
    js: "import { createRequire as __aimeCreateRequire } from 'node:module'; const require = __aimeCreateRequire(import.meta.url);",
  },
  logLevel: 'warning',
});
console.log(`apps/server/dist/{server,worker,db-migrate}.js built (external: ${external.join(', ')})`);
