import { ToolError } from '../tool-error';

export type MCPErrorCode =
  | 'mcp_server_unavailable'
  | 'mcp_server_exited'
  | 'mcp_tool_error'
  | 'mcp_request_failed'
  | 'mcp_server_closed';

/** An MCP server could not be reached, died during a call, or its tool reported `isError`. */
export class MCPError extends ToolError {
  readonly bundle: string;

  constructor(code: MCPErrorCode, bundle: string, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.bundle = bundle;
  }
}
