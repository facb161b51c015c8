import type { ToolBundle } from '../../config/tool-bundles';
import type { AnyTool } from '../types';
import {
  type MCPBackoff,
  MCPServerConnection,
  type MCPServerStatus,
  type MCPToolDefinition,
} from './mcp-server-connection';
import { createMCPTool } from './mcp-tool';
import { mcpToolName } from './mcp-tool-name';

export interface MCPBundleOptions {
  workspaceRoot: string;
  backoff?: MCPBackoff;
  connectTimeoutMs?: number;
}

/** A tool bundle served by an MCP server: its current tools as actor tools, and the server's lifecycle. */
export class MCPBundle {
  readonly name: string;
  readonly description: string;
  readonly connection: MCPServerConnection;
  private readonly timeoutMs: number | undefined;
  private readonly approval: ToolBundle['approval'];
  private toolsByName = new Map<string, AnyTool>();

  constructor(bundle: ToolBundle, options: MCPBundleOptions) {
    if (!bundle.mcp) throw new Error(`Bundle "${bundle.name}" is not an MCP server`);
    this.name = bundle.name;
    this.description = bundle.description;
    this.timeoutMs = bundle.mcp.timeoutMs;
    this.approval = bundle.approval;
    this.connection = new MCPServerConnection({
      bundle: bundle.name,
      config: bundle.mcp,
      workspaceRoot: options.workspaceRoot,
      onToolsChanged: (tools) => this.rebuild(tools),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    });
  }

  /** The server's tools as the model sees them (`<bundle>__<tool>`); empty until the server first started. */
  tools(): AnyTool[] {
    return [...this.toolsByName.values()];
  }

  /** Starts the server if it is not running (first use) so its tools are known. */
  async prepare(signal?: AbortSignal): Promise<void> {
    await this.connection.connect(signal);
  }

  status(): MCPServerStatus {
    return this.connection.status();
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private rebuild(definitions: MCPToolDefinition[]): void {
    const taken = new Set<string>();
    const next = new Map<string, AnyTool>();
    for (const definition of [...definitions].sort((a, b) => a.name.localeCompare(b.name))) {
      const name = mcpToolName(this.name, definition.name, taken);
      taken.add(name);
      const tool = createMCPTool(this.connection, definition, name, this.timeoutMs);
      const approval = typeof this.approval === 'string' ? this.approval : this.approval?.[definition.name];
      next.set(name, approval ? { ...tool, approval } : tool);
    }
    this.toolsByName = next;
  }
}
