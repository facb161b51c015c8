import { createRequire } from 'node:module';
import { type MCPServerConfig, WORKSPACE_PLACEHOLDER } from '../config/mcp-bundle-config';
import type { ToolBundle } from '../config/tool-bundles';

const require = createRequire(import.meta.url);

/** The entry script of an MCP server package installed from npm (run with this Node). */
export function mcpServerScript(
  packageName: '@modelcontextprotocol/server-filesystem' | '@modelcontextprotocol/server-everything',
): string {
  return require.resolve(`${packageName}/dist/index.js`);
}

/** `@modelcontextprotocol/server-filesystem` over stdio, rooted at `${workspace}`. */
export function filesystemServer(env: Record<string, string> = {}): MCPServerConfig {
  return {
    command: process.execPath,
    args: [mcpServerScript('@modelcontextprotocol/server-filesystem'), WORKSPACE_PLACEHOLDER],
    env,
  };
}

/** `@modelcontextprotocol/server-everything` over stdio. */
export function everythingServer(env: Record<string, string> = {}): MCPServerConfig {
  return {
    command: process.execPath,
    args: [mcpServerScript('@modelcontextprotocol/server-everything'), 'stdio'],
    env,
  };
}

export function mcpToolBundle(name: string, mcp: MCPServerConfig, description = ''): ToolBundle {
  return { name, description, tools: [], mcp };
}
