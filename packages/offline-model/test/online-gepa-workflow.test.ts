import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunEvent } from '@gepa-aime/core';
import { createAIMERuntime, DEFAULT_ACTOR_PROMPT_TEMPLATE } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { registerOfflineModel } from '../src/index';
import { RecordingModel } from './recording-model';

// A restarted runtime builds the configured model (provider: offline) through core's registry.
registerOfflineModel();

function project() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-online-workflow-')));
  const configDirectory = join(root, 'config');
  const workspace = join(root, 'workspace');
  for (const directory of [configDirectory, workspace]) mkdirSync(directory);
  writeFileSync(
    join(configDirectory, 'gepa_config.yaml'),
    'window_size: 4\nmin_traces_before_reflection: 2\nreflection_minibatch_size: 2\ncomponents: [actor]\n',
  );
  writeFileSync(join(workspace, 'README.md'), '# Demo\n\nA demo project.\n');
  return { root, configDirectory, workspace };
}

describe('online GEPA inside AIMEWorkflow', () => {
  it('failing runs evolve the actor prompt; the next run and a new runtime use it', async () => {
    const { root, configDirectory, workspace } = project();
    const model = new RecordingModel();
    const runtime = await createAIMERuntime({
      configDirectory,
      workspaceRoot: workspace,
      env: {},
      model,
    });
    const events: RunEvent[] = [];
    const report = await runtime.workflow.run('Read docs/missing.md', { onEvent: (event) => void events.push(event) });
    expect(report.status).toBe('failed');

    const records = events.filter((event) => event.type === 'gepa-record');
    // One actor outcome per task (judged), one planner outcome for the goal verdict.
    expect(records.map((event) => event.component)).toEqual(['actor', 'actor', 'planner']);
    expect(records.every((event) => event.score === 0)).toBe(true);
    const proposed = events.find((event) => event.type === 'gepa-candidate');
    expect(proposed).toMatchObject({ component: 'actor', decision: 'proposed', parents: ['actor-default'] });
    const newPrompt = proposed?.type === 'gepa-candidate' ? proposed.prompt : '';
    expect(newPrompt.startsWith(DEFAULT_ACTOR_PROMPT_TEMPLATE)).toBe(true);
    expect(newPrompt).toContain('Lessons from earlier runs:');
    expect(events.some((event) => event.type === 'llm-usage' && event.role === 'reflection')).toBe(true);

    // The trace file holds the seed's fields plus ours, and the proposal.
    const tracePath = join(root, 'traces', 'gepa_history.jsonl');
    const lines = readFileSync(tracePath, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(3);
    expect(lines.find((line) => line.new_prompt)).toMatchObject({ component: 'actor', new_prompt: newPrompt });

    // The next run's actors get the evolved template (filled in).
    model.systemPrompts.length = 0;
    await runtime.workflow.run('Read README.md');
    expect(model.systemPrompts.some((prompt) => prompt.includes('Lessons from earlier runs:'))).toBe(true);

    // A new runtime (a new process) warm-starts with the trial in progress.
    const restarted = await createAIMERuntime({
      configDirectory,
      workspaceRoot: workspace,
      env: {},
    });
    const actor = restarted.onlineGEPA?.currentPrompt('actor');
    expect(actor?.text).toBe(newPrompt);
    expect(restarted.onlineGEPA?.metrics().trial).toMatchObject({ component: 'actor', outcomes: 1, needed: 4 });
  });
});
