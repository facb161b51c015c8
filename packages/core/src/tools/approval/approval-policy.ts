import type { ApprovalMode } from '../../config/approval-settings';
import { UPDATE_PROGRESS_TOOL_NAME } from '../builtin/update-progress';
import type { AnyTool } from '../types';

/** Why a call needs approval, or undefined when it runs without asking. */
export function approvalReason(tool: AnyTool, mode: ApprovalMode): string | undefined {
  if (mode === 'off' || tool.name === UPDATE_PROGRESS_TOOL_NAME) return undefined;
  if (tool.approval === 'never') return undefined;
  if (tool.approval === 'always') return `the policy of ${tool.name} is "always"`;
  if (mode === 'all') return 'AIME_APPROVAL=all asks for every tool call';
  if (tool.name === 'write_file' && tool.source === undefined) return 'write_file changes workspace files';
  if (tool.annotations?.destructive) return `the MCP server marks ${tool.name} as destructive`;
  if (tool.annotations?.openWorld) return `the MCP server marks ${tool.name} as reaching outside (open world)`;
  return undefined;
}
