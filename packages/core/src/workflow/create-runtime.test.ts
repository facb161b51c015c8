import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../protocol/run-events';
import { ScriptedModel } from '../testing/scripted-model';
import { createAimeRuntime } from './create-runtime';
import { tempWorkspace } from './workflow-test-support';

function configDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'aime-runtime-config-'));
  mkdirSync(join(directory, 'tools'));
  writeFileSync(
    join(directory, 'tools', 'word-count.mjs'),
    `import { z } from 'zod';
export default {
  name: 'word_count',
  description: 'Count the words of a text',
  parameters: z.object({ text: z.string() }),
  async execute({ text }) { return { output: String(text.trim().split(/\\s+/).length) }; },
};
`,
  );
  writeFileSync(
    join(directory, 'tool_bundles.json'),
    JSON.stringify({
      default: [{ name: 'read_file', implementation: 'src.tools.file_tools:ReadFileTool' }],
      text: [{ name: 'word_count', module: 'tools/word-count.mjs' }],
    }),
  );
  writeFileSync(join(directory, 'model_config.yaml'), 'provider: offline\n');
  writeFileSync(join(directory, 'gepa_config.yaml'), `trace_path: ${join(directory, 'gepa_history.jsonl')}\n`);
  return directory;
}

describe('createAimeRuntime', () => {
  it('loads the config, the built-in and custom tools, and runs the offline model by default', async () => {
    const directory = configDirectory();
    const runtime = await createAimeRuntime({ configDirectory: directory, workspaceRoot: tempWorkspace(), env: {} });
    expect(runtime.model.modelId).toBe('offline');
    expect(runtime.tools.names()).toEqual(
      expect.arrayContaining(['read_file', 'list_dir', 'update_progress', 'word_count']),
    );
    const report = await runtime.workflow.run('Read README.md');
    expect(report.status).toBe('completed');
    expect(report.finalAnswer).toContain('A demo project.');
    expect(runtime.onlineGepa?.tracePath).toBe(join(directory, 'gepa_history.jsonl'));
    const traces = readFileSync(join(directory, 'gepa_history.jsonl'), 'utf8').trim().split('\n');
    expect(traces.length).toBeGreaterThanOrEqual(1);
  });

  it('gives actors the custom tool of the bundle the planner chose', async () => {
    const model = new ScriptedModel([
      JSON.stringify({
        rationale: 'count',
        tasks: [{ id: '1', title: 'Count words', bundles: ['text'] }],
        next: ['1'],
      }),
      { toolCalls: [{ name: 'word_count', arguments: { text: 'one two three' } }] },
      { toolCalls: [{ name: 'finish', arguments: { status: 'complete', summary: '3 words', references: [] } }] },
      JSON.stringify({ rationale: 'done', tasks: [], done: true, finalAnswer: '3 words [1]' }),
    ]);
    const runtime = await createAimeRuntime({
      configDirectory: configDirectory(),
      workspaceRoot: tempWorkspace(),
      model,
      env: {},
    });
    const events: RunEvent[] = [];
    const report = await runtime.workflow.run('Count the words', { onEvent: (event) => void events.push(event) });
    expect(report.status).toBe('completed');
    expect(events.find((event) => event.type === 'task-start')).toMatchObject({
      tools: ['word_count', 'update_progress', 'finish'],
    });
    expect(events.find((event) => event.type === 'tool-result')).toMatchObject({
      tool: 'word_count',
      ok: true,
      output: '3',
    });
  });
});
