export {
  type ApprovalMode,
  type ApprovalSettings,
  approvalModeSchema,
  approvalSettingsSchema,
  loadApprovalSettings,
} from './approval-settings';
export { environmentError } from './environment-error';
export { type GEPAConfig, gepaConfigSchema } from './gepa-config';
export {
  type JudgeBlock,
  type JudgeMode,
  type JudgeSettings,
  judgeBlockSchema,
  judgeModeSchema,
  resolveJudgeSettings,
} from './judge-config';
export {
  type AIMEConfig,
  type LoadConfigOptions,
  loadConfig,
  loadGEPAConfig,
  loadModelConfig,
  loadToolBundles,
} from './load-config';
export {
  type ApprovalPolicy,
  approvalPolicySchema,
  isStdioServer,
  MCP_BUNDLE_NAME_PATTERN,
  type MCPHttpServerConfig,
  type MCPServerConfig,
  type MCPStdioServerConfig,
  mcpServerSchema,
} from './mcp-bundle-config';
export { type ExtraParams, type ModelConfig, modelConfigSchema, type Provider } from './model-config';
export { type ProjectPaths, resolveProjectPath, resolveProjectPaths } from './project-paths';
export { DEFAULT_TOOL_BUNDLES, type ToolBundle, type ToolBundles, type ToolSpec } from './tool-bundles';
export { loadWebSearchSettings, type WebSearchSettings, webSearchSettingsSchema } from './web-search-settings';
export { resolveWorkspaceRoot } from './workspace-root';
