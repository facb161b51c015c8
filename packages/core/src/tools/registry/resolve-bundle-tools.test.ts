import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadToolBundles } from '../../config/load-config';
import { DEFAULT_TOOL_BUNDLES } from '../../config/tool-bundles';
import { createBuiltinRegistry } from './create-builtin-registry';
import { builtinNameForImplementation } from './implementation-names';
import { resolveBundleTools } from './resolve-bundle-tools';
import { ToolRegistry } from './tool-registry';
import { UnknownBundleError } from './unknown-bundle-error';
import { UnknownToolError } from './unknown-tool-error';

const repositoryConfig = join(import.meta.dirname, '..', '..', '..', '..', '..', 'config');

describe('resolveBundleTools', () => {
  it('maps the seed tool_bundles.json (Python implementation strings) to the built-ins', () => {
    const toolBundles = loadToolBundles(repositoryConfig);
    const registry = createBuiltinRegistry({ toolBundles });
    expect(resolveBundleTools(['default'], toolBundles, registry).map((tool) => tool.name)).toEqual([
      'web_search',
      'read_file',
      'list_dir',
      'write_file',
      'search_files',
      'find_files',
      'update_progress',
    ]);
    expect(resolveBundleTools(['progress'], toolBundles, registry).map((tool) => tool.name)).toEqual([
      'update_progress',
    ]);
    expect(resolveBundleTools([], DEFAULT_TOOL_BUNDLES, registry).map((tool) => tool.name)).toEqual([
      'update_progress',
    ]);
  });

  it('merges several bundles without duplicates', () => {
    const registry = createBuiltinRegistry();
    const toolBundles = {
      reading: { name: 'reading', description: '', tools: [{ name: 'read_file' }, { name: 'list_dir' }] },
      writing: { name: 'writing', description: '', tools: [{ name: 'write_file' }, { name: 'read_file' }] },
    };
    expect(
      resolveBundleTools(['reading', 'writing', 'progress'], { ...toolBundles, ...DEFAULT_TOOL_BUNDLES }, registry).map(
        (tool) => tool.name,
      ),
    ).toEqual(['read_file', 'list_dir', 'write_file', 'update_progress']);
  });

  it('resolves by implementation class name and exposes the tool under the bundle entry name', () => {
    const registry = createBuiltinRegistry();
    const toolBundles = {
      files: {
        name: 'files',
        description: '',
        tools: [
          { name: 'cat', implementation: 'my.pkg.files:ReadFileTool' },
          { name: 'ls', implementation: 'ListDirectoryTool' },
        ],
      },
    };
    const tools = resolveBundleTools(['files'], toolBundles, registry);
    expect(tools.map((tool) => tool.name)).toEqual(['cat', 'ls', 'update_progress']);
    expect(tools[0]?.parameters).toBe(registry.get('read_file')?.parameters);
    expect(builtinNameForImplementation('src.tools.web_tools:WebSearchTool')).toBe('web_search');
    expect(builtinNameForImplementation('src.tools.x:Unknown')).toBeUndefined();
  });

  it('names unknown bundles and unknown tools in typed errors', () => {
    const registry = createBuiltinRegistry();
    const unknownBundle = (() => {
      try {
        resolveBundleTools(['research'], DEFAULT_TOOL_BUNDLES, registry);
      } catch (error) {
        return error;
      }
    })();
    expect(unknownBundle).toBeInstanceOf(UnknownBundleError);
    expect((unknownBundle as Error).message).toBe(
      'Unknown tool bundle "research"; tool_bundles.json defines: default, progress',
    );
    const toolBundles = {
      odd: { name: 'odd', description: '', tools: [{ name: 'teleport', implementation: 'x:TeleportTool' }] },
    };
    expect(() => resolveBundleTools(['odd'], toolBundles, registry)).toThrow(UnknownToolError);
    expect(() => resolveBundleTools(['odd'], toolBundles, registry)).toThrow(
      /"teleport" \(implementation x:TeleportTool\) in bundle "odd"/,
    );
  });
});

describe('ToolRegistry', () => {
  it('registers, finds and lists tools; refuses duplicates and invalid names', () => {
    const builtins = createBuiltinRegistry();
    const registry = new ToolRegistry([builtins.get('read_file')!]);
    expect(registry.has('read_file')).toBe(true);
    expect(registry.has('write_file')).toBe(false);
    expect(registry.names()).toEqual(['read_file']);
    expect(() => registry.register(builtins.get('read_file')!)).toThrow(/already registered/);
    registry.register(builtins.get('read_file')!, { replace: true });
    expect(() => registry.register({ ...builtins.get('list_dir')!, name: 'bad name!' })).toThrow(/Invalid tool name/);
    expect(builtins.names()).toEqual([
      'read_file',
      'list_dir',
      'write_file',
      'search_files',
      'find_files',
      'web_search',
      'update_progress',
    ]);
  });
});
