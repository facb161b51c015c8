import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { AIMEWorkflow, createJudge, loadConfig } from '@gepa-aime/core';
import { expectValidEventLog } from '@gepa-aime/core/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { OfflineModel } from '../src/index';
import { SHIPPED_CONFIG } from './goal-corpus-support';
import { countFiles, createMonorepo } from './monorepo-fixture';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** Runs a goal on the offline model (actor, planner and judge) in a fresh monorepo with the shipped tool bundles. */
async function runInMonorepo(goal: string, options: { withoutFindFiles?: boolean } = {}) {
  const root = createMonorepo();
  roots.push(root);
  const config = loadConfig({ directory: SHIPPED_CONFIG, env: {} });
  config.model.provider = 'offline';
  expect(config.judge.mode).toBe('model');
  if (options.withoutFindFiles) {
    for (const bundle of Object.values(config.toolBundles)) {
      bundle.tools = bundle.tools.filter((tool) => tool.name !== 'find_files');
    }
  }
  const events: RunEvent[] = [];
  const model = new OfflineModel();
  const workflow = new AIMEWorkflow({ config, model, workspaceRoot: root, judge: createJudge(config, model) });
  const report = await workflow.run(goal, { onEvent: (event) => void events.push(event) });
  expectValidEventLog(events);
  const verdicts = events.flatMap((event) => (event.type === 'judge-verdict' ? [event] : []));
  const tools = events.flatMap((event) =>
    event.type === 'tool-call' && event.tool !== 'update_progress'
      ? [{ tool: event.tool, args: event.args as Record<string, unknown> }]
      : [],
  );
  const judgeCalls = events.filter((event) => event.type === 'llm-usage' && event.role === 'judge').length;
  return { root, report, verdicts, tools, judgeCalls };
}

describe('the offline model answers the three issue goals in a monorepo, or fails honestly', () => {
  it('counts TypeScript files by walking every folder, not by sampling a listing', async () => {
    const { root, report, verdicts, tools, judgeCalls } = await runInMonorepo('How many TypeScript files are there?');
    const expected = countFiles(root, /\.tsx?$/);
    expect(expected).toBeGreaterThan(5);
    expect(tools).toContainEqual({ tool: 'find_files', args: expect.objectContaining({ glob: '**/*.{ts,tsx}' }) });
    expect(report.status, report.finalAnswer).toBe('completed');
    expect(report.finalAnswer).toContain(`There are ${expected} TypeScript files (.ts, .tsx) in the workspace`);
    expect(report.finalAnswer).toContain('node_modules/, .git/ or dist/');
    expect(report.finalAnswer).toContain('packages/alpha/src/deep/er/still/deeper.ts');
    expect(judgeCalls).toBe(2);
    expect(verdicts.map((event) => [event.scope, event.verdict])).toEqual([
      ['task', 'pass'],
      ['goal', 'pass'],
    ]);
    expect(report.verdict?.feedback).toContain(`The count ${expected} is what find_files found`);
  });

  it('names the package with the most source files, with the count of each package', async () => {
    const { root, report, verdicts } = await runInMonorepo('Which package has the most source files?');
    const source = /\.(tsx?|jsx?|mjs|cjs)$/;
    const counts = ['packages/alpha', 'packages/beta', 'apps/web'].map((folder) => ({
      folder,
      count: countFiles(join(root, folder), source),
    }));
    const best = [...counts].sort((left, right) => right.count - left.count)[0];
    expect(best && best.count > (counts[1]?.count ?? 0)).toBe(true);
    expect(report.status, report.finalAnswer).toBe('completed');
    expect(report.finalAnswer).toContain(`${best?.folder} (@mono/alpha) is the package with the most source files`);
    for (const { folder, count } of counts) expect(report.finalAnswer).toContain(`${folder} ${count}`);
    expect(report.finalAnswer).not.toMatch(/\bnode_modules\/left-pad \d/);
    expect(verdicts.map((event) => event.verdict)).toEqual(['pass', 'pass']);
  });

  it('answers "how many … does each package have" with one count per package', async () => {
    const { root, report, verdicts } = await runInMonorepo('How many TypeScript files does each package have?');
    expect(report.status, report.finalAnswer).toBe('completed');
    for (const folder of ['packages/alpha', 'packages/beta', 'apps/web']) {
      expect(report.finalAnswer).toContain(`${folder} ${countFiles(join(root, folder), /\.tsx?$/)}`);
    }
    expect(verdicts.map((event) => event.verdict)).toEqual(['pass', 'pass']);
  });

  it('names the top-level folder with the most TypeScript files from one walk', async () => {
    const { root, report, verdicts } = await runInMonorepo('Which folder has the most TypeScript files?');
    const counts = ['apps', 'docs', 'packages'].map((folder) => ({
      folder,
      count: countFiles(join(root, folder), /\.tsx?$/),
    }));
    const best = [...counts].sort((left, right) => right.count - left.count)[0];
    expect(report.status, report.finalAnswer).toBe('completed');
    expect(report.finalAnswer).toContain(
      `${best?.folder} is the folder with the most TypeScript files (.ts, .tsx): ${best?.count}.`,
    );
    expect(verdicts.map((event) => event.verdict)).toEqual(['pass', 'pass']);
  });

  it('writes CONTRIBUTING.md with setup, test and commit sections drawn from package.json and the README, then re-reads it', async () => {
    const { root, report, verdicts, tools } = await runInMonorepo('Write a short CONTRIBUTING.md for this repository');
    expect(report.status, report.finalAnswer).toBe('completed');
    const guide = readFileSync(join(root, 'CONTRIBUTING.md'), 'utf8');
    const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(guide).toMatch(/^## Setup$/m);
    expect(guide).toContain('`pnpm install`');
    expect(guide).toMatch(/^## Running the tests$/m);
    expect(guide).toContain(`\`pnpm test\` runs \`${packageJson.scripts.test}\``);
    expect(guide).toMatch(/^## Before you commit$/m);
    expect(guide).toContain(`\`pnpm lint\` runs \`${packageJson.scripts.lint}\``);
    expect(guide).toContain('From README.md (Quick start)');
    const writeAt = tools.findIndex((call) => call.tool === 'write_file');
    expect(tools.slice(writeAt + 1)).toContainEqual({ tool: 'read_file', args: { path: 'CONTRIBUTING.md' } });
    expect(verdicts.map((event) => event.verdict)).toEqual(['pass', 'pass']);
  });

  it('fails a goal it cannot do with a verdict that says to configure a model', async () => {
    const { root, report, verdicts, tools } = await runInMonorepo('Translate README.md into French');
    expect(report.status).toBe('failed');
    expect(report.verdict).toMatchObject({ verdict: 'fail', score: 0 });
    expect(report.verdict?.feedback).toContain('the offline model cannot do this; configure a model (docs/models.md)');
    expect(verdicts.every((event) => event.verdict === 'fail')).toBe(true);
    expect(tools.some((call) => call.tool === 'write_file')).toBe(false);
    expect(existsSync(join(root, 'README.fr.md'))).toBe(false);
  });

  it('without find_files, a count it could only sample from a listing fails instead of claiming a number', async () => {
    const { report } = await runInMonorepo('How many TypeScript files are there?', { withoutFindFiles: true });
    expect(report.status).toBe('failed');
    expect(report.finalAnswer).toContain('Not counted:');
    expect(report.verdict?.verdict).toBe('fail');
  });
});
