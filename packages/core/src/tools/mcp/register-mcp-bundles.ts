import type { ToolBundles } from '../../config/tool-bundles';
import type { ToolRegistry } from '../registry/tool-registry';
import { McpBundle, type McpBundleOptions } from './mcp-bundle';

/**
 * Adds a provider for every MCP bundle of tool_bundles.json to the registry. Nothing starts yet:
 * each server starts on first use (`registry.prepareBundles` or a call) and stops with `registry.close()`.
 */
export function registerMcpBundles(
  toolBundles: ToolBundles,
  registry: ToolRegistry,
  options: McpBundleOptions,
): McpBundle[] {
  const bundles: McpBundle[] = [];
  for (const bundle of Object.values(toolBundles)) {
    if (!bundle.mcp) continue;
    const mcpBundle = new McpBundle(bundle, options);
    registry.addBundleProvider(mcpBundle);
    bundles.push(mcpBundle);
  }
  return bundles;
}
