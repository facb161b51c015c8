import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Core's folders in dependency order, lowest first: a file may import its own folder and the
 * folders of lower layers only (type imports included). `testing/` sits beside the layers: only
 * tests import it. The same order is written into biome.json (noRestrictedImports per folder);
 * the last test keeps the two in step.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'protocol'],
  ['config', 'progress'],
  ['llm'],
  ['tools'],
  ['planner'],
  ['actors'],
  ['judge'],
  ['optimizer'],
  ['workflow'],
  ['aime-adapter'],
];
const TEST_ONLY_FOLDER = 'testing';
const SOURCE_ROOT = dirname(new URL(import.meta.url).pathname);
const LAYERING_MESSAGE = "core's folders are layered";
const BIOME_CONFIG = resolve(SOURCE_ROOT, '../../../biome.json');

interface FolderImport {
  file: string;
  from: string;
  to: string;
  typeOnly: boolean;
}

const isTestFile = (path: string) => /\.test\.tsx?$|test-support|(^|\/)fixtures\//.test(path);

/** Imports between top-level folders of `root` made by its non-test source files. */
function folderImports(root: string): FolderImport[] {
  const imports: FolderImport[] = [];
  const walk = (directory: string): void => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) {
        if (name !== 'node_modules') walk(path);
        continue;
      }
      const file = relative(root, path);
      if (!/\.tsx?$/.test(name) || isTestFile(file)) continue;
      const source = readFileSync(path, 'utf8');
      for (const match of source.matchAll(
        /^\s*(import|export)\s+(type\s+)?([^'";]*?from\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm,
      )) {
        const target = relative(root, resolve(dirname(path), match[4]!));
        const from = file.split('/')[0]!;
        const to = target.split('/')[0]!;
        if (target.startsWith('..') || !file.includes('/') || !target.includes('/') || from === to) continue;
        const namedTypesOnly = /^\{\s*type\s/.test(match[3] ?? '') && !/,\s*(?!type\s)\w/.test(match[3] ?? '');
        imports.push({ file, from, to, typeOnly: Boolean(match[2]) || namedTypesOnly });
      }
    }
  };
  walk(root);
  return imports;
}

/** Folder cycles of the runtime imports (type-only imports are erased and cannot form one). */
function folderCycles(imports: readonly FolderImport[]): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const { from, to, typeOnly } of imports) {
    if (!typeOnly) edges.set(from, (edges.get(from) ?? new Set()).add(to));
  }
  const reaches = (start: string, goal: string): boolean => {
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (next === goal) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    return false;
  };
  const cycles: string[][] = [];
  const placed = new Set<string>();
  for (const folder of [...edges.keys()].sort()) {
    if (placed.has(folder) || !reaches(folder, folder)) continue;
    const cycle = [...edges.keys()].filter(
      (other) => other === folder || (reaches(folder, other) && reaches(other, folder)),
    );
    for (const member of cycle) placed.add(member);
    cycles.push(cycle.sort());
  }
  return cycles;
}

const layerOf = (folder: string) => LAYERS.findIndex((layer) => layer.includes(folder));

/** Imports against the layer order: upward, sideways within a layer, or into the test-only folder. */
function layerViolations(imports: readonly FolderImport[]): string[] {
  return imports
    .filter(({ from, to }) => to === TEST_ONLY_FOLDER || (from !== TEST_ONLY_FOLDER && layerOf(to) >= layerOf(from)))
    .map(({ file, to }) => `${file} imports ${to}/`)
    .sort();
}

const temporaryRoots: string[] = [];
afterEach(() => {
  for (const root of temporaryRoots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function plantedTree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'aime-layers-'));
  temporaryRoots.push(root);
  for (const [file, source] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), source);
  }
  return root;
}

describe("core's folder layers", () => {
  it('place every folder of src in a layer', () => {
    const folders = readdirSync(SOURCE_ROOT).filter((name) => statSync(join(SOURCE_ROOT, name)).isDirectory());
    expect(folders.filter((folder) => folder !== TEST_ONLY_FOLDER && layerOf(folder) === -1)).toEqual([]);
  });

  it('have no import against the order and no runtime folder cycle', () => {
    const imports = folderImports(SOURCE_ROOT);
    expect(imports.length).toBeGreaterThan(50);
    expect(layerViolations(imports)).toEqual([]);
    expect(folderCycles(imports)).toEqual([]);
  });

  it('catch a planted cycle and the upward import that closes it', () => {
    const root = plantedTree({
      'progress/task.ts': "import { event } from '../workflow/run';\nexport const task = () => event;\n",
      'workflow/run.ts': "import { task } from '../progress/task';\nexport const event = () => task;\n",
      'planner/plan.ts': "import type { event } from '../workflow/run';\nexport type Plan = typeof event;\n",
    });
    const imports = folderImports(root);
    expect(folderCycles(imports)).toEqual([['progress', 'workflow']]);
    expect(layerViolations(imports)).toEqual([
      'planner/plan.ts imports workflow/',
      'progress/task.ts imports workflow/',
    ]);
  });

  it('are the order biome.json enforces, folder by folder', () => {
    const biome = JSON.parse(readFileSync(BIOME_CONFIG, 'utf8')) as {
      overrides: { includes: string[]; linter?: { rules?: { style?: { noRestrictedImports?: unknown } } } }[];
    };
    const forbiddenByFolder = new Map<string, string[]>();
    for (const override of biome.overrides) {
      const folder = override.includes[0]?.match(/^packages\/core\/src\/([^/]+)\/\*\*$/)?.[1];
      const rule = override.linter?.rules?.style?.noRestrictedImports as
        | { options: { patterns: { group: string[]; message: string }[] } }
        | undefined;
      if (!folder || !rule) continue;
      const layering = rule.options.patterns.filter((pattern) => pattern.message.startsWith(LAYERING_MESSAGE));
      const groups = layering.flatMap((pattern) => pattern.group);
      const forbidden = groups.flatMap((group) => group.match(/^\*\*\/([^/*]+)\/\*\*$/)?.[1] ?? []);
      forbiddenByFolder.set(folder, forbidden.sort());
    }
    for (const [index, layer] of LAYERS.entries()) {
      const above = LAYERS.slice(index).flat();
      for (const folder of layer) {
        const expected = [...above.filter((other) => other !== folder), TEST_ONLY_FOLDER].sort();
        expect(forbiddenByFolder.get(folder), folder).toEqual(expected);
      }
    }
  });
});
