export {
  type ApprovalDecision,
  type ApprovalGate,
  type ApprovalRequest,
  approveAllGate,
} from './approval/approval-gate';
export { approvalReason } from './approval/approval-policy';
export { writeFileDiff } from './approval/write-file-diff';
export { FIND_FILES_SKIPPED_DIRECTORIES, findFilesTool } from './builtin/find-files';
export { listDirTool } from './builtin/list-dir';
export { READ_FILE_MAX_BYTES, readFileTool } from './builtin/read-file';
export { searchFilesTool } from './builtin/search-files';
export { UPDATE_PROGRESS_TOOL_NAME, updateProgressTool } from './builtin/update-progress';
export { createWebSearchTool } from './builtin/web-search';
export { WRITE_FILE_MAX_BYTES, writeFileTool } from './builtin/write-file';
export { MCPBundle, type MCPBundleOptions } from './mcp/mcp-bundle';
export { MCPError, type MCPErrorCode } from './mcp/mcp-error';
export type { MCPServerStatus } from './mcp/mcp-server-connection';
export { bundleOfToolName, mcpToolName } from './mcp/mcp-tool-name';
export { registerMCPBundles } from './mcp/register-mcp-bundles';
export { type BuiltinRegistryOptions, createBuiltinRegistry } from './registry/create-builtin-registry';
export { CustomToolError } from './registry/custom-tool-error';
export {
  DEFAULT_TOOL_TIMEOUT_MS,
  type ExecuteToolCallOptions,
  executeToolCall,
  type ToolCallOutcome,
} from './registry/execute-tool-call';
export { builtinNameForImplementation } from './registry/implementation-names';
export { loadCustomTools } from './registry/load-custom-tools';
export { resolveBundleTools } from './registry/resolve-bundle-tools';
export { toToolDefinitions } from './registry/tool-definitions';
export { type BundleProvider, ToolRegistry } from './registry/tool-registry';
export { UnknownBundleError } from './registry/unknown-bundle-error';
export { UnknownToolError } from './registry/unknown-tool-error';
export { ToolError } from './tool-error';
export type * from './types';
export { createOfflineSearchBackend } from './web-search/offline-search-backend';
export { createSearxngSearchBackend, type SearxngBackendOptions } from './web-search/searxng-search-backend';
export type { WebSearchBackend, WebSearchRequest, WebSearchResult } from './web-search/web-search-backend';
export { type ResolveOptions, resolveInWorkspace, toWorkspaceRelative } from './workspace/resolve-in-workspace';
export { SandboxError, type SandboxErrorCode } from './workspace/sandbox-error';
