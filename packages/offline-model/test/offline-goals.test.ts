import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { AIMEWorkflow } from '@gepa-aime/core';
import { expectValidEventLog, tempWorkspace, testConfig } from '@gepa-aime/core/testing';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../src/index';

const REPO_ROOT = resolve(__dirname, '../../..');

/** A copy of a small repository layout: apps, packages, config, docs, tests and a README. */
function fakeRepository(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-fake-repo-')));
  for (const directory of ['apps/cli/src', 'packages/core/src', 'config', 'docs', 'tests']) {
    mkdirSync(join(root, directory), { recursive: true });
  }
  writeFileSync(
    join(root, 'README.md'),
    '# Widget Factory\n\nA toolkit that assembles widgets from parts.\n\n## Install\n\npnpm install\n\n## Layout\n\nSee the folders.\n',
  );
  writeFileSync(join(root, 'package.json'), '{"name":"widget-factory"}\n');
  writeFileSync(join(root, 'config', 'settings.yaml'), 'mode: fast\n');
  return root;
}

async function runOffline(goal: string, workspaceRoot: string, toolProtocol: 'native' | 'react-text' = 'native') {
  const events: RunEvent[] = [];
  const config = testConfig();
  config.model.tool_protocol = toolProtocol;
  const workflow = new AIMEWorkflow({ config, model: new OfflineModel(), workspaceRoot });
  const report = await workflow.run(goal, { onEvent: (event) => void events.push(event) });
  expectValidEventLog(events);
  return { report, events };
}

function toolCalls(events: RunEvent[]) {
  return events.flatMap((event) => (event.type === 'tool-call' ? [{ tool: event.tool, args: event.args }] : []));
}

describe('offline model: the two acceptance goals', () => {
  it('summarises a repository layout (list_dir + README) and proposes next steps', async () => {
    const root = fakeRepository();
    const { report, events } = await runOffline('Summarise the repository layout and propose next steps', root);
    expect(report).toMatchObject({ status: 'completed', model: 'offline' });
    expect(toolCalls(events)).toContainEqual({ tool: 'list_dir', args: { path: '.' } });
    expect(toolCalls(events)).toContainEqual({ tool: 'read_file', args: { path: 'README.md' } });
    for (const folder of ['apps/', 'packages/', 'config/', 'docs/', 'tests/'])
      expect(report.finalAnswer).toContain(folder);
    expect(report.finalAnswer).toContain('A toolkit that assembles widgets from parts.');
    expect(report.finalAnswer).toMatch(/Proposed next steps.*1\. .*2\. /s);
    expect(report.tasks.map((task) => task.title)).toEqual(['Summarise the repository layout', 'Propose next steps']);
  });

  it('reads README.md and really writes notes/summary.md in the workspace', async () => {
    const root = fakeRepository();
    const { report, events } = await runOffline('Read README.md and write a summary to notes/summary.md', root);
    expect(report.status).toBe('completed');
    const written = readFileSync(join(root, 'notes', 'summary.md'), 'utf8');
    expect(written).toContain('A toolkit that assembles widgets from parts.');
    expect(written).toContain('offline model');
    expect(toolCalls(events).map((call) => call.tool)).toEqual([
      'update_progress',
      'read_file',
      'update_progress',
      'write_file',
    ]);
    expect(report.tasks.find((task) => task.id === '2')?.summary).toContain('notes/summary.md');
  });

  it('works with the react-text protocol too (Thought / Action / Action Input)', async () => {
    const root = fakeRepository();
    const { report, events } = await runOffline(
      'Read README.md and write a summary to notes/summary.md',
      root,
      'react-text',
    );
    expect(report.status).toBe('completed');
    expect(toolCalls(events).map((call) => call.tool)).toEqual(['read_file', 'write_file']);
    expect(readFileSync(join(root, 'notes', 'summary.md'), 'utf8')).toContain(
      'A toolkit that assembles widgets from parts.',
    );
  });

  it("summarises this project's own checkout read-only, naming its real top-level folders", async () => {
    const before = readdirSync(REPO_ROOT).sort();
    const { report, events } = await runOffline('Summarise the repository layout and propose next steps', REPO_ROOT);
    expect(report.status).toBe('completed');
    for (const folder of ['apps/', 'packages/', 'config/']) expect(report.finalAnswer).toContain(folder);
    expect(report.finalAnswer).toContain('README.md');
    expect(toolCalls(events).some((call) => call.tool === 'write_file')).toBe(false);
    expect(readdirSync(REPO_ROOT).sort()).toEqual(before);
  });
});

describe('AIMEWorkflow with the offline model', () => {
  it('runs the offline model end to end in a workspace (write goal)', async () => {
    const workspaceRoot = tempWorkspace();
    const workflow = new AIMEWorkflow({ config: testConfig(), model: new OfflineModel(), workspaceRoot });
    const report = await workflow.run('Read README.md and write a summary to notes/summary.md');
    expect(report.status).toBe('completed');
    expect(existsSync(join(workspaceRoot, 'notes/summary.md'))).toBe(true);
  });
});
