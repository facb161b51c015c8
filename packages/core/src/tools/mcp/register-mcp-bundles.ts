import type { ToolBundles } from '../../config/tool-bundles';
import type { ToolRegistry } from '../registry/tool-registry';
import { MCPBundle, type MCPBundleOptions } from './mcp-bundle';

/**
 * Adds a provider for every MCP bundle of tool_bundles.json to the registry. Nothing starts yet:
 * each server starts on first use (`registry.prepareBundles` or a call) and stops with `registry.close()`.
 */
export function registerMCPBundles(
  toolBundles: ToolBundles,
  registry: ToolRegistry,
  options: MCPBundleOptions,
): MCPBundle[] {
  const bundles: MCPBundle[] = [];
  for (const bundle of Object.values(toolBundles)) {
    if (!bundle.mcp) continue;
    const mcpBundle = new MCPBundle(bundle, options);
    registry.addBundleProvider(mcpBundle);
    bundles.push(mcpBundle);
  }
  return bundles;
}
