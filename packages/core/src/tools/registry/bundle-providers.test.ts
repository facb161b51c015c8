import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ToolBundles } from '../../config/tool-bundles';
import type { AnyTool } from '../types';
import { createBuiltinRegistry } from './create-builtin-registry';
import { resolveBundleTools } from './resolve-bundle-tools';
import type { BundleProvider } from './tool-registry';
import { UnknownToolError } from './unknown-tool-error';

const remoteTool: AnyTool = {
  name: 'remote__echo',
  description: 'echo',
  parameters: z.object({}),
  execute: async () => ({ output: 'echo' }),
};

function provider(name: string, prepare: () => Promise<void>): BundleProvider & { closed: number } {
  let ready = false;
  return {
    name,
    closed: 0,
    tools: () => (ready ? [remoteTool] : []),
    async prepare() {
      await prepare();
      ready = true;
    },
    async close() {
      this.closed += 1;
    },
  };
}

const bundles: ToolBundles = {
  default: { name: 'default', description: '', tools: [{ name: 'read_file' }] },
  remote: { name: 'remote', description: '', tools: [], mcp: { url: 'http://127.0.0.1:1/mcp', headers: {} } },
  broken: { name: 'broken', description: '', tools: [], mcp: { command: 'false', args: [], env: {} } },
};

describe('bundle providers (MCP bundles) in the registry', () => {
  it("resolves an MCP bundle to its provider's current tools, after prepare", async () => {
    const registry = createBuiltinRegistry();
    const remote = provider('remote', async () => undefined);
    registry.addBundleProvider(remote);
    expect(resolveBundleTools(['remote'], bundles, registry).map((tool) => tool.name)).toEqual(['update_progress']);
    expect(await registry.prepareBundles(['remote'])).toEqual([]);
    expect(resolveBundleTools(['default', 'remote'], bundles, registry).map((tool) => tool.name)).toEqual([
      'read_file',
      'remote__echo',
      'update_progress',
    ]);
  });

  it('reports the bundles that failed to prepare, closes every provider, and refuses an unregistered MCP bundle', async () => {
    const registry = createBuiltinRegistry();
    const remote = provider('remote', async () => undefined);
    const broken = provider('broken', async () => {
      throw new Error('could not start: exit 1');
    });
    registry.addBundleProvider(remote).addBundleProvider(broken);
    expect(() => registry.addBundleProvider(provider('remote', async () => undefined))).toThrow(
      /already has a provider/,
    );
    expect(await registry.prepareBundles()).toEqual([{ bundle: 'broken', error: 'could not start: exit 1' }]);
    await registry.close();
    expect([remote.closed, broken.closed]).toEqual([1, 1]);
    expect(() => resolveBundleTools(['remote'], bundles, createBuiltinRegistry())).toThrow(UnknownToolError);
  });
});
