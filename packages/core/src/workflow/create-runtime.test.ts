import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerModelProvider } from '../llm/model-providers';
import type { RunEvent } from '../protocol/run-events';
import { ScriptedModel } from '../testing/scripted-model';
import { tempWorkspace } from '../testing/workflow-fixtures';
import { createAIMERuntime } from './create-runtime';

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

describe('createAIMERuntime', () => {
  it('loads the config and the built-in and custom tools, and builds the configured provider from the registry', async () => {
    const directory = configDirectory();
    const registered = new ScriptedModel([
      JSON.stringify({ rationale: 'already known', tasks: [], next: [], done: true, finalAnswer: 'Nothing to do.' }),
    ]);
    const unregister = registerModelProvider('offline', () => registered);
    try {
      const runtime = await createAIMERuntime({ configDirectory: directory, workspaceRoot: tempWorkspace(), env: {} });
      expect(runtime.model).toBe(registered);
      expect(runtime.tools.names()).toEqual(
        expect.arrayContaining(['read_file', 'list_dir', 'update_progress', 'word_count']),
      );
      const report = await runtime.workflow.run('Say that nothing is to do');
      expect(report).toMatchObject({ status: 'completed', finalAnswer: 'Nothing to do.' });
      expect(runtime.onlineGEPA?.tracePath).toBe(join(directory, 'gepa_history.jsonl'));
    } finally {
      unregister();
    }
  });

  it('names the package to register when the offline provider is missing', async () => {
    await expect(
      createAIMERuntime({ configDirectory: configDirectory(), workspaceRoot: tempWorkspace(), env: {} }),
    ).rejects.toThrow(/registerOfflineModel\(\) from @gepa-aime\/offline-model/);
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
      JSON.stringify({ score: 1, verdict: 'pass', feedback: 'counted with word_count' }),
      JSON.stringify({ rationale: 'done', tasks: [], done: true, finalAnswer: '3 words [1]' }),
      JSON.stringify({ score: 0.9, verdict: 'pass', feedback: 'answers the goal' }),
    ]);
    const runtime = await createAIMERuntime({
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
