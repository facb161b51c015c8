// Bundles the service into dist/server.js for Node 20 (`node apps/server/dist/server.js`).
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
  entryPoints: [new URL('src/server.ts', here).pathname],
  outfile: new URL('dist/server.js', here).pathname,
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
console.log(`apps/server/dist/server.js built (external: ${external.join(', ')})`);
