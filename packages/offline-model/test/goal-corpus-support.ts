import { mkdirSync, mkdtempSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { LanguageModel, PromptOptimizer, RunEvent, WorkflowReport } from '@gepa-aime/core';
import { AIMEWorkflow, createJudge, loadConfig } from '@gepa-aime/core';
import { OfflineModel } from '../src/index';

/** The project's shipped config directory (its tool bundles are what `aime run` gives the actors). */
export const SHIPPED_CONFIG = resolve(__dirname, '../../../config');

/** A small fake repository: README, package.json, tsconfig, docker compose file, src/, docs/, tests/. */
export const FAKE_REPOSITORY: Record<string, string> = {
  'README.md':
    '# Widget Kit\n\nA small library that builds configurable widgets.\n\n## Install\n\npnpm add widget-kit\n\n## Usage\n\nCall buildWidget with a name.\n',
  'package.json': `${JSON.stringify(
    {
      name: 'widget-kit',
      version: '1.2.0',
      scripts: { test: 'vitest run', build: 'tsc -p .' },
      dependencies: { zod: '^4.0.0' },
    },
    null,
    2,
  )}\n`,
  'tsconfig.json': '{ "compilerOptions": { "strict": true, "target": "ES2022", "outDir": "dist" } }\n',
  'docker-compose.yml': 'services:\n  app:\n    image: node:20\n  db:\n    image: postgres:16\n',
  'src/index.ts':
    '/** Builds a widget with the given name. */\nexport function buildWidget(name: string): Widget {\n  return { name, size: clamp(3, 1, 10) };\n}\n\nexport interface Widget {\n  name: string;\n  size: number;\n}\n',
  'src/util.ts':
    '// TODO: support negative ranges\nexport const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));\nexport const x = 1;\n',
  'docs/guide.md':
    '# Guide\n\nThis guide shows how to build a widget step by step.\n\n## Usage\n\nImport buildWidget from the package.\n\n## Options\n\nSize is clamped between 1 and 10.\n',
  'tests/widget.test.ts': "import { buildWidget } from '../src/index';\n\ntest('builds', () => buildWidget('a'));\n",
};

export function fakeRepository(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-goal-corpus-')));
  for (const [path, text] of Object.entries(FAKE_REPOSITORY)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

export interface CorpusRun {
  root: string;
  report: WorkflowReport;
  events: RunEvent[];
  tools: Array<{ tool: string; args: Record<string, unknown> }>;
}

/**
 * Runs a goal through the real AIMEWorkflow on the offline model (or `options.model`) in a fresh
 * fake repository, with the shipped tool bundles. Without `options.optimizer` no GEPA trace is
 * written anywhere.
 */
export async function runGoal(
  goal: string,
  toolProtocol: 'native' | 'react-text' = 'native',
  options: { model?: LanguageModel; optimizer?: PromptOptimizer } = {},
): Promise<CorpusRun> {
  const root = fakeRepository();
  const config = loadConfig({ directory: SHIPPED_CONFIG, env: {} });
  config.model.provider = 'offline';
  config.model.tool_protocol = toolProtocol;
  const model = options.model ?? new OfflineModel();
  const workflow = new AIMEWorkflow({
    config,
    model,
    workspaceRoot: root,
    // The judge `aime run` uses: the checks, then the model's judgement (the offline judge skill).
    judge: createJudge(config, model),
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
  });
  const events: RunEvent[] = [];
  const report = await workflow.run(goal, { onEvent: (event) => void events.push(event) });
  const tools = events.flatMap((event) =>
    event.type === 'tool-call' && event.tool !== 'update_progress'
      ? [{ tool: event.tool, args: event.args as Record<string, unknown> }]
      : [],
  );
  return { root, report, events, tools };
}

/**
 * File paths (known extensions) the text mentions that are not in the workspace — invented names.
 * A name counts as real when some workspace file's path ends with it (listings name files relative
 * to their folder: "index.ts" in src/).
 */
export function inventedPaths(text: string, root: string, allowed: string[] = []): string[] {
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).map((path) => path.split('\\').join('/'));
  const isReal = (path: string) => files.some((file) => file === path || file.endsWith(`/${path}`));
  const mentioned = [...text.matchAll(/(?:^|[\s("'`])((?:[\w.-]+\/)*[\w-]+\.(?:md|ts|json|ya?ml))\b/g)].map(
    (match) => match[1] ?? '',
  );
  return [...new Set(mentioned)].filter((path) => !allowed.includes(path) && !isReal(path));
}
