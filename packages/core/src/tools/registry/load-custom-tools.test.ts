import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ToolBundles } from '../../config/tool-bundles';
import { createBuiltinRegistry } from './create-builtin-registry';
import { CustomToolError } from './custom-tool-error';
import { executeToolCall } from './execute-tool-call';
import { loadCustomTools } from './load-custom-tools';
import { resolveBundleTools } from './resolve-bundle-tools';

const fixtures = join(import.meta.dirname, '../../testing/fixtures');
const context = {
  workspaceRoot: import.meta.dirname,
  signal: new AbortController().signal,
  taskId: '1',
  reportProgress: () => undefined,
};

function bundles(tools: ToolBundles[string]['tools']): ToolBundles {
  return { custom: { name: 'custom', description: 'custom tools', tools } };
}

describe('loadCustomTools', () => {
  it('loads a default export from .mjs and named array exports from .ts, registers and runs them', async () => {
    const toolBundles = bundles([
      { name: 'shout', module: join(fixtures, 'shout-tool.mjs') },
      { name: 'word_count', module: join(fixtures, 'text-tools.ts'), export: 'textTools' },
      { name: 'reverse_text', module: join(fixtures, 'text-tools.ts'), export: 'textTools' },
    ]);
    const registry = createBuiltinRegistry();
    const loaded = await loadCustomTools(toolBundles, registry);
    expect(loaded.map((tool) => tool.name)).toEqual(['shout', 'word_count', 'reverse_text']);
    const tools = resolveBundleTools(['custom'], toolBundles, registry);
    expect(tools.map((tool) => tool.name)).toEqual(['shout', 'word_count', 'reverse_text', 'update_progress']);
    const [shout, wordCount] = tools;
    expect((await executeToolCall(shout!, '{"text":"hi there"}', context)).output).toBe('HI THERE');
    expect((await executeToolCall(wordCount!, { text: 'one two  three' }, context)).output).toBe('3');
    expect((await executeToolCall(shout!, '{"text":""}', context)).error).toContain('text');
  });

  it('rejects modules that cannot be imported, missing exports, invalid shapes and name clashes', async () => {
    const cases: Array<[ToolBundles, RegExp]> = [
      [bundles([{ name: 'x', module: join(fixtures, 'missing.mjs') }]), /cannot import the module/],
      [bundles([{ name: 'x', module: join(fixtures, 'text-tools.ts'), export: 'nope' }]), /has no export named "nope"/],
      [
        bundles([{ name: 'x', module: join(fixtures, 'text-tools.ts'), export: 'textTools' }]),
        /exports no tool named "x"/,
      ],
      [
        bundles([{ name: 'broken', module: join(fixtures, 'text-tools.ts'), export: 'notATool' }]),
        /execute must be a function/,
      ],
    ];
    for (const [toolBundles, message] of cases) {
      const error = await loadCustomTools(toolBundles).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(CustomToolError);
      expect((error as CustomToolError).code).toBe('custom_tool_invalid');
      expect((error as Error).message).toMatch(message);
    }
    const clash = bundles([{ name: 'shout', module: join(fixtures, 'shout-tool.mjs') }]);
    const registry = createBuiltinRegistry();
    await loadCustomTools(clash, registry);
    await expect(loadCustomTools(clash, registry)).rejects.toThrow(/clashes/);
  });

  it('says when a bundle names a module tool that was not loaded', () => {
    const toolBundles = bundles([{ name: 'shout', module: join(fixtures, 'shout-tool.mjs') }]);
    expect(() => resolveBundleTools(['custom'], toolBundles, createBuiltinRegistry())).toThrow(
      /call loadCustomTools first/,
    );
  });
});
