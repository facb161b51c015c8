import { z } from 'zod';
import { type ApprovalPolicy, approvalPolicySchema, type MCPServerConfig, mcpBundleSchema } from './mcp-bundle-config';

/**
 * `config/tool_bundles.json`. Accepted shapes (the Python reference's file loads unchanged):
 *   { "default": [ { "name": "read_file", "implementation": "src.tools.file_tools:ReadFileTool" }, … ] }
 *   { "bundles": { "default": { "description": "…", "tools": ["read_file", …] } } }
 * A tool is a built-in name, or an object with `name` and optionally `implementation` (Python-style
 * `module:Class`, mapped to our built-ins), `module` (path of a JS/TS module exporting custom tools,
 * resolved against the config directory), `description` and free-form `options`.
 */
export const toolEntrySchema = z.union([
  z.string().min(1),
  z.object({
    name: z.string().min(1),
    implementation: z.string().optional(),
    module: z.string().optional(),
    export: z.string().optional(),
    description: z.string().optional(),
    options: z.record(z.string(), z.unknown()).optional(),
    approval: approvalPolicySchema.optional(),
  }),
]);

const bundleSchema = z.union([
  z.array(toolEntrySchema),
  z.object({ description: z.string().optional(), tools: z.array(toolEntrySchema) }),
  mcpBundleSchema,
]);

export const toolBundlesFileSchema = z.union([
  z.object({ bundles: z.record(z.string(), bundleSchema) }),
  z.record(z.string(), bundleSchema),
]);

export interface ToolSpec {
  name: string;
  implementation?: string;
  module?: string;
  export?: string;
  description?: string;
  options?: Record<string, unknown>;
  /** `always`: every call waits for an operator's approval; `never`: never asks (see approvals). */
  approval?: ApprovalPolicy;
}
export interface ToolBundle {
  name: string;
  description: string;
  tools: ToolSpec[];
  /** Set when the bundle is an MCP server: its tools are listed by the server (named `<bundle>__<tool>`). */
  mcp?: MCPServerConfig;
  /** MCP bundles: approval policy for all the server's tools, or per (server-side) tool name. */
  approval?: ApprovalPolicy | Record<string, ApprovalPolicy>;
}
export type ToolBundles = Record<string, ToolBundle>;

export function normalizeToolBundles(parsed: z.infer<typeof toolBundlesFileSchema>): ToolBundles {
  const record = isBundleMap(parsed) ? parsed.bundles : parsed;
  const bundles: ToolBundles = {};
  for (const [name, bundle] of Object.entries(record as Record<string, z.infer<typeof bundleSchema>>)) {
    if (!Array.isArray(bundle) && 'mcp' in bundle) {
      bundles[name] = {
        name,
        description: bundle.description ?? '',
        tools: [],
        mcp: bundle.mcp,
        ...(bundle.approval !== undefined ? { approval: bundle.approval } : {}),
      };
      continue;
    }
    const entries = Array.isArray(bundle) ? bundle : bundle.tools;
    bundles[name] = {
      name,
      description: Array.isArray(bundle) ? '' : (bundle.description ?? ''),
      tools: entries.map((entry) => (typeof entry === 'string' ? { name: entry } : entry)),
    };
  }
  return bundles;
}

function isBundleMap(parsed: object): parsed is { bundles: Record<string, z.infer<typeof bundleSchema>> } {
  const value = (parsed as { bundles?: unknown }).bundles;
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The seed's default inventory: filesystem and search primitives plus progress reporting. */
export const DEFAULT_TOOL_BUNDLES: ToolBundles = {
  default: {
    name: 'default',
    description: 'Workspace files and search',
    tools: [
      { name: 'web_search', implementation: 'src.tools.web_tools:WebSearchTool' },
      { name: 'read_file', implementation: 'src.tools.file_tools:ReadFileTool' },
      { name: 'list_dir', implementation: 'src.tools.file_tools:ListDirectoryTool' },
      { name: 'write_file', implementation: 'src.tools.file_tools:WriteFileTool' },
      { name: 'search_files' },
      { name: 'find_files' },
    ],
  },
  progress: {
    name: 'progress',
    description: 'Progress reporting',
    tools: [{ name: 'update_progress', implementation: 'src.tools.update_progress:UpdateProgressTool' }],
  },
};
