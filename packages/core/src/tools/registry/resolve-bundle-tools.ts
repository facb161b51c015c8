import type { ToolBundles, ToolSpec } from '../../config/tool-bundles';
import { UPDATE_PROGRESS_TOOL_NAME } from '../builtin/update-progress';
import type { AnyTool } from '../types';
import { builtinNameForImplementation } from './implementation-names';
import type { ToolRegistry } from './tool-registry';
import { UnknownBundleError } from './unknown-bundle-error';
import { UnknownToolError } from './unknown-tool-error';

/**
 * The tools of the named bundles, in bundle order without duplicates, plus `update_progress`
 * (always included). A tool resolves by its `implementation` class name (the seed's Python-style
 * strings), then by its name; a bundle entry whose name differs from the tool it maps to exposes the
 * tool under the entry's name. Custom `module` tools must have been loaded with loadCustomTools; an
 * MCP bundle contributes the tools its server listed (registerMCPBundles, then prepareBundles).
 */
export function resolveBundleTools(bundleNames: string[], toolBundles: ToolBundles, registry: ToolRegistry): AnyTool[] {
  const selected = new Map<string, AnyTool>();
  for (const bundleName of bundleNames) {
    const bundle = toolBundles[bundleName];
    if (!bundle) throw new UnknownBundleError(bundleName, Object.keys(toolBundles));
    if (bundle.mcp) {
      for (const tool of mcpTools(bundleName, registry)) if (!selected.has(tool.name)) selected.set(tool.name, tool);
      continue;
    }
    for (const spec of bundle.tools) {
      const tool = resolveSpec(spec, bundleName, registry);
      if (!selected.has(tool.name)) selected.set(tool.name, tool);
    }
  }
  if (!selected.has(UPDATE_PROGRESS_TOOL_NAME)) {
    const updateProgress = registry.get(UPDATE_PROGRESS_TOOL_NAME);
    if (updateProgress) selected.set(UPDATE_PROGRESS_TOOL_NAME, updateProgress);
  }
  return [...selected.values()];
}

function mcpTools(bundleName: string, registry: ToolRegistry): AnyTool[] {
  const provider = registry.bundleProvider(bundleName);
  if (!provider) {
    throw new UnknownToolError(
      bundleName,
      `Bundle "${bundleName}" is an MCP server that was not registered (call registerMCPBundles first)`,
    );
  }
  return provider.tools();
}

function resolveSpec(spec: ToolSpec, bundleName: string, registry: ToolRegistry): AnyTool {
  if (spec.module) {
    const custom = registry.get(spec.name);
    if (custom) return spec.approval ? { ...custom, approval: spec.approval } : custom;
    throw new UnknownToolError(
      spec.name,
      `Tool "${spec.name}" of bundle "${bundleName}" comes from ${spec.module}, which was not loaded (call loadCustomTools first)`,
    );
  }
  const mapped = spec.implementation ? builtinNameForImplementation(spec.implementation) : undefined;
  const tool = (mapped ? registry.get(mapped) : undefined) ?? registry.get(spec.name);
  if (!tool) {
    const source = spec.implementation ? ` (implementation ${spec.implementation})` : '';
    throw new UnknownToolError(
      spec.name,
      `Unknown tool "${spec.name}"${source} in bundle "${bundleName}"; available: ${registry.names().join(', ')}`,
    );
  }
  const named = tool.name === spec.name ? tool : { ...tool, name: spec.name };
  return spec.approval ? { ...named, approval: spec.approval } : named;
}
