import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAIMERuntime } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { registerOfflineModel } from '../src/index';
import { CORPUS } from './goal-corpus-cases';
import { fakeRepository, inventedPaths, runGoal, SHIPPED_CONFIG } from './goal-corpus-support';

// createAIMERuntime builds the configured model (provider: offline) through core's provider registry.
registerOfflineModel();

describe('offline model: a corpus of ordinary goals', () => {
  it('has at least 20 phrasings', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(20);
  });

  for (const example of CORPUS) {
    it(`${example.status === 'completed' ? 'handles' : 'fails honestly on'}: ${example.goal}`, async () => {
      const { root, report, tools } = await runGoal(example.goal);
      expect(report.status, report.finalAnswer).toBe(example.status);
      expect(report.model).toBe('offline');
      for (const fact of example.answer) expect(report.finalAnswer).toContain(fact);
      for (const call of example.calls ?? []) expect(tools).toContainEqual(call);
      for (const [path, texts] of Object.entries(example.files ?? {})) {
        const written = readFileSync(join(root, path), 'utf8');
        for (const text of texts) expect(written).toContain(text);
      }
      expect(inventedPaths(report.finalAnswer, root, example.missing)).toEqual([]);
      if (example.status === 'failed') expect(tools.some((call) => call.tool === 'write_file')).toBe(false);
    });
  }

  it('gives the same statuses and facts over the react-text protocol (one action per reply)', async () => {
    for (const example of CORPUS) {
      const { report } = await runGoal(example.goal, 'react-text');
      expect(report.status, example.goal).toBe(example.status);
      for (const fact of example.answer) expect(report.finalAnswer, example.goal).toContain(fact);
    }
  });

  it('is deterministic: the same goal gives the same answer and the same tool calls', async () => {
    const first = await runGoal('Find where buildWidget is defined and explain it');
    const second = await runGoal('Find where buildWidget is defined and explain it');
    expect(second.report.finalAnswer).toBe(first.report.finalAnswer);
    expect(second.tools).toEqual(first.tools);
  });

  it('resolves the README and answers a follow-up over the react-text protocol too', async () => {
    const { report, tools } = await runGoal('Read the README and summarise it', 'react-text');
    expect(report.status).toBe('completed');
    expect(tools.map((call) => call.tool)).toEqual(['list_dir', 'read_file']);
    expect(report.finalAnswer).toContain('A small library that builds configurable widgets.');
  });

  it('writes nothing for a missing source file', async () => {
    const { root, report } = await runGoal('Read missing.md and write a summary to notes/summary.md');
    expect(report.status).toBe('failed');
    expect(existsSync(join(root, 'notes', 'summary.md'))).toBe(false);
  });

  it('runs the acceptance goal the way `aime run` does, GEPA traces going to a temporary trace path', async () => {
    const configDirectory = mkdtempSync(join(tmpdir(), 'aime-goal-corpus-config-'));
    copyFileSync(join(SHIPPED_CONFIG, 'tool_bundles.json'), join(configDirectory, 'tool_bundles.json'));
    const tracePath = join(configDirectory, 'gepa_history.jsonl');
    writeFileSync(join(configDirectory, 'gepa_config.yaml'), `trace_path: ${tracePath}\n`);
    const root = fakeRepository();
    const runtime = await createAIMERuntime({ configDirectory, workspaceRoot: root, env: {} });
    const report = await runtime.workflow.run('Read README.md and write a summary to notes/summary.md');
    expect(report.status).toBe('completed');
    expect(readFileSync(join(root, 'notes', 'summary.md'), 'utf8')).toContain(
      'A small library that builds configurable widgets.',
    );
    expect(runtime.onlineGEPA?.tracePath).toBe(tracePath);
    expect(readFileSync(tracePath, 'utf8')).toContain('"component"');
  });
});
