import { describe, expect, it } from 'vitest';
import { actorFixture, leafTask } from '../testing/actor-fixture';
import { ScriptedModel } from '../testing/scripted-model';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import { ActorFactory } from './actor-factory';
import { DEFAULT_ACTOR_PROMPT_TEMPLATE } from './actor-prompt';

describe('ActorFactory', () => {
  it('composes persona, bundle tools (+update_progress, finish), knowledge, environment and output format', () => {
    const { factory, workspaceRoot } = actorFixture(new ScriptedModel([]));
    const actor = factory.create(
      leafTask('2', 'Propose next steps', { persona: 'planning advisor', bundles: ['default'] }),
      {
        results: [{ id: '1', title: 'List the root', summary: 'Found apps/ and packages/.', references: ['.'] }],
      },
    );
    expect(actor.name).toBe('actor-2');
    expect(actor.toolNames).toEqual([
      'web_search',
      'read_file',
      'list_dir',
      'write_file',
      'search_files',
      'find_files',
      'update_progress',
      'finish',
    ]);
    const prompt = actor.options.systemPrompt;
    expect(prompt).toContain('You are planning advisor');
    expect(prompt).toContain('- [1] List the root: Found apps/ and packages/. (references: .)');
    expect(prompt).toContain(`Workspace root: ${workspaceRoot}`);
    expect(prompt).toContain('2026-01-02T03:04:05.000Z');
    expect(prompt).toContain(`Operating system: ${process.platform}`);
    expect(prompt).toContain('call the `finish` tool');
    expect(prompt).not.toMatch(/\{\{\w+\}\}/);
    expect(actor.options.prompt).toMatchObject({
      component: 'actor',
      candidateId: 'default',
      text: DEFAULT_ACTOR_PROMPT_TEMPLATE,
    });
    expect(actor.taskMessage()).toContain('Subtask [2]: Propose next steps');
  });

  it('gives only update_progress (and finish) for a bundle without other tools, and falls back to default for unknown bundles', () => {
    const { factory } = actorFixture(new ScriptedModel([]));
    expect(factory.create(leafTask('1', 'x', { bundles: ['progress'] })).toolNames).toEqual([
      'update_progress',
      'finish',
    ]);
    expect(factory.create(leafTask('1', 'x', { bundles: ['no-such-bundle'] })).toolNames).toContain('read_file');
    expect(factory.create(leafTask('1', 'x')).options.persona).toBe('a careful generalist assistant');
  });

  it('fills an evolved template from the prompt provider', () => {
    const fixture = actorFixture(new ScriptedModel([]));
    const factory = new ActorFactory({
      config: fixture.config,
      model: new ScriptedModel([]),
      tools: createBuiltinRegistry(),
      workspaceRoot: fixture.workspaceRoot,
      goal: 'g',
      prompt: () => ({
        component: 'actor',
        candidateId: 'c2',
        text: 'Persona={{persona}} Task={{task}} Keep={{unknown}}',
      }),
    });
    const actor = factory.create(leafTask('1', 'Do it', { persona: 'tester' }));
    const prompt = actor.options.systemPrompt;
    expect(prompt.startsWith('Persona=tester Task=Do it Keep={{unknown}}\n\n## Tools\n- web_search:')).toBe(true);
    expect(prompt).toContain('## Knowledge from earlier tasks\n(no earlier results)');
    expect(prompt).toContain('## Environment\n- Operating system');
    expect(prompt).toContain('## Output format\nWhen the subtask is done');
    expect(prompt).not.toContain('## Persona');
    expect(actor.options.prompt.candidateId).toBe('c2');
  });

  it('describes tools with their JSON schemas for the react-text protocol', () => {
    const { factory } = actorFixture(new ScriptedModel([]), { config: { tool_protocol: 'react-text' } });
    const prompt = factory.create(leafTask('1', 'x')).options.systemPrompt;
    expect(prompt).toContain('- read_file:');
    expect(prompt).toContain('Action Input schema: {"type":"object"');
    expect(prompt).toContain('Thought: <your reasoning>');
  });
});
