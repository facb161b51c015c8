import { z } from 'zod';

/** Replaced by the workspace root in a stdio server's `args` and `cwd`. */
// biome-ignore lint/suspicious/noTemplateCurlyInString: a placeholder in config files, not a template.
export const WORKSPACE_PLACEHOLDER = '${workspace}';

/** Per-tool approval policy in tool_bundles.json. */
export const approvalPolicySchema = z.enum(['never', 'always']);
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/**
 * An MCP server started as a child process (stdio). Its environment is only PATH, HOME, USER,
 * LOGNAME, SHELL and TERM plus what `env` names — never the AIME process's own variables.
 * `${workspace}` in `args` and `cwd` is replaced by the workspace root; a relative `cwd` resolves
 * against the config directory.
 */
export const mcpStdioServerSchema = z.strictObject({
  command: z.string().min(1),
  args: z.array(z.string()).default([]),
  env: z.record(z.string(), z.string()).default({}),
  cwd: z.string().min(1).optional(),
  /** Per-call timeout in milliseconds (default: the actor's tool timeout). */
  timeoutMs: z.number().int().positive().optional(),
});

/** An MCP server reached over Streamable HTTP. */
export const mcpHttpServerSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  headers: z.record(z.string(), z.string()).default({}),
  timeoutMs: z.number().int().positive().optional(),
});

export const mcpServerSchema = z.union([mcpStdioServerSchema, mcpHttpServerSchema]);
export type MCPStdioServerConfig = z.infer<typeof mcpStdioServerSchema>;
export type MCPHttpServerConfig = z.infer<typeof mcpHttpServerSchema>;
export type MCPServerConfig = z.infer<typeof mcpServerSchema>;

/** A bundle whose tools come from an MCP server: `{ "description"?, "mcp": {…}, "approval"? }`. */
export const mcpBundleSchema = z.strictObject({
  /** Optional; when present it must equal the bundle's key. */
  name: z.string().optional(),
  description: z.string().optional(),
  mcp: mcpServerSchema,
  /** One policy for all the server's tools, or per tool as the server names it. */
  approval: z.union([approvalPolicySchema, z.record(z.string(), approvalPolicySchema)]).optional(),
});

/** MCP bundle names become tool-name prefixes (`<bundle>__<tool>`): letters, digits, `-`, single `_`. */
export const MCP_BUNDLE_NAME_PATTERN = /^(?!.*__)[A-Za-z0-9][A-Za-z0-9_-]{0,30}$/;

export function isStdioServer(config: MCPServerConfig): config is MCPStdioServerConfig {
  return 'command' in config;
}
