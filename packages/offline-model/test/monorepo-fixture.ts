import { mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const manifest = (name: string, extra: Record<string, unknown> = {}) =>
  `${JSON.stringify({ name, version: '0.1.0', ...extra }, null, 2)}\n`;

/**
 * A small monorepo: a root package.json with scripts, a README with a quick start, three workspace
 * packages of different sizes (one nested deeper than a three-level listing reaches), and files
 * that must not be counted (node_modules, dist, a hidden folder).
 */
export const MONOREPO: Record<string, string> = {
  'package.json': manifest('mono-kit', {
    private: true,
    packageManager: 'pnpm@9.12.0',
    engines: { node: '>=20' },
    scripts: { build: 'tsc -b', test: 'vitest run', lint: 'biome check .', format: 'biome format --write .' },
  }),
  'pnpm-workspace.yaml': 'packages:\n  - packages/*\n  - apps/*\n',
  'README.md':
    '# Mono Kit\n\nWidgets in three packages.\n\n## Quick start\n\n```bash\npnpm install\npnpm test\n```\n\n## Layout\n\nSee packages/ and apps/.\n',
  'docs/guide.md': '# Guide\n\nHow the packages fit together.\n',
  'tsconfig.json': '{ "files": [] }\n',
  'packages/alpha/package.json': manifest('@mono/alpha'),
  'packages/alpha/src/index.ts': 'export const alpha = 1;\n',
  'packages/alpha/src/util.ts': 'export const util = 2;\n',
  'packages/alpha/src/deep/er/still/deeper.ts': 'export const deep = 3;\n',
  'packages/alpha/src/deep/er/still/view.tsx': 'export const View = () => null;\n',
  'packages/alpha/src/alpha.test.ts': "import { alpha } from './index';\n",
  'packages/alpha/dist/index.js': 'export const alpha = 1;\n',
  'packages/alpha/dist/index.d.ts': 'export declare const alpha: number;\n',
  'packages/beta/package.json': manifest('@mono/beta'),
  'packages/beta/src/index.ts': 'export const beta = 1;\n',
  'packages/beta/src/helpers.js': 'export const helper = 1;\n',
  'apps/web/package.json': manifest('@mono/web'),
  'apps/web/src/main.ts': 'console.log("web");\n',
  'apps/web/src/page.tsx': 'export const Page = () => null;\n',
  'apps/web/src/api.ts': 'export const api = 1;\n',
  'apps/web/src/styles.css': 'body { margin: 0; }\n',
  'node_modules/left-pad/index.ts': 'export default 1;\n',
  'node_modules/left-pad/package.json': manifest('left-pad'),
  '.cache/stale.ts': 'export const stale = 1;\n',
};

export function createMonorepo(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-monorepo-')));
  for (const [path, text] of Object.entries(MONOREPO)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const NOT_COUNTED = new Set(['node_modules', 'dist']);

/**
 * The files below `directory` whose name matches `pattern`, found with plain readdirSync (hidden
 * entries, node_modules and dist left out) — an independent count to compare the model's with.
 */
export function countFiles(directory: string, pattern: RegExp): number {
  let count = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (entry.name.startsWith('.')) continue;
    if (entry.isDirectory() && !NOT_COUNTED.has(entry.name)) count += countFiles(join(directory, entry.name), pattern);
    else if (entry.isFile() && pattern.test(entry.name)) count += 1;
  }
  return count;
}
