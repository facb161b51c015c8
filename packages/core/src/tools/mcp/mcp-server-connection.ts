import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import {
  ErrorCode,
  type Tool as MCPToolDefinition,
  type Progress,
  McpError as ProtocolError,
} from '@modelcontextprotocol/sdk/types.js';
import type { MCPServerConfig } from '../../config/mcp-bundle-config';
import type { MCPCallResult } from './content-to-observation';
import { MCPError } from './mcp-error';
import { createMCPTransport, type MCPTransportHandle } from './mcp-transport';

export type { MCPToolDefinition };

export interface MCPBackoff {
  /** Delay before the first restart after a failure (doubles per consecutive failure). */
  initialMs: number;
  maxMs: number;
}

export interface MCPServerConnectionOptions {
  bundle: string;
  config: MCPServerConfig;
  workspaceRoot: string;
  /** Called with the new list after `tools/list_changed` or a restart. */
  onToolsChanged?: (tools: MCPToolDefinition[]) => void;
  backoff?: MCPBackoff;
  /** Time allowed to start the server and finish the MCP handshake (default 30 s: `npx` may install first). */
  connectTimeoutMs?: number;
  clientInfo?: { name: string; version: string };
}

export type MCPServerState = 'idle' | 'connecting' | 'ready' | 'waiting-to-restart' | 'closed';

export interface MCPServerStatus {
  bundle: string;
  state: MCPServerState;
  /** Times the server was started (1 after the first start). */
  starts: number;
  lastError?: string;
  pid?: number;
}

const DEFAULT_BACKOFF: MCPBackoff = { initialMs: 500, maxMs: 30_000 };
/** A call waits for a restart due this soon; a later one fails at once (the model may retry). */
const MAX_WAIT_FOR_RESTART_MS = 5_000;
/** The SDK's own request timeout; ours (the actor's per-call timeout) aborts the signal first. */
const NO_PROTOCOL_TIMEOUT_MS = 2_147_483_647;

/**
 * One MCP server for the whole AIME process: started on first use, shared by every run, restarted
 * with exponential backoff after it dies (the call in flight fails with `mcp_server_exited`), and
 * closed on shutdown. Keeps the server's current tool list, refreshed on `tools/list_changed`.
 */
export class MCPServerConnection {
  private readonly options: MCPServerConnectionOptions;
  private readonly backoff: MCPBackoff;
  private client: Client | undefined;
  private handle: MCPTransportHandle | undefined;
  private connecting: Promise<Client> | undefined;
  private consecutiveFailures = 0;
  private nextAttemptAt = 0;
  private starts = 0;
  private lastError: string | undefined;
  private closed = false;
  private toolList: MCPToolDefinition[] = [];

  constructor(options: MCPServerConnectionOptions) {
    this.options = options;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
  }

  get bundle(): string {
    return this.options.bundle;
  }

  /** The tools the server listed last (empty before the first start). */
  tools(): MCPToolDefinition[] {
    return this.toolList;
  }

  status(): MCPServerStatus {
    const state: MCPServerState = this.closed
      ? 'closed'
      : this.client
        ? 'ready'
        : this.connecting
          ? 'connecting'
          : this.consecutiveFailures > 0
            ? 'waiting-to-restart'
            : 'idle';
    const pid = (this.handle?.transport as { pid?: number | null } | undefined)?.pid ?? undefined;
    return {
      bundle: this.bundle,
      state,
      starts: this.starts,
      ...(this.lastError ? { lastError: this.lastError } : {}),
      ...(pid ? { pid } : {}),
    };
  }

  /** Starts the server if needed (waiting out the backoff after a failure) and returns the connected client. */
  async connect(signal?: AbortSignal): Promise<Client> {
    if (this.closed) throw new MCPError('mcp_server_closed', this.bundle, `MCP server "${this.bundle}" is shut down`);
    if (this.client) return this.client;
    this.connecting ??= this.start(signal).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  /**
   * Calls a tool by its server-side name; the signal (the actor's timeout or the run's cancel) sends
   * `notifications/cancelled`. With `onProgress` the request carries a progress token and the
   * server's `notifications/progress` for it are passed on.
   */
  async callTool(
    name: string,
    args: Record<string, unknown>,
    signal: AbortSignal,
    onProgress?: (progress: Progress) => void,
  ): Promise<MCPCallResult> {
    const client = await this.connect(signal);
    try {
      const result = (await client.callTool({ name, arguments: args }, undefined, {
        signal,
        timeout: NO_PROTOCOL_TIMEOUT_MS,
        ...(onProgress ? { onprogress: onProgress } : {}),
      })) as MCPCallResult;
      this.consecutiveFailures = 0;
      return result;
    } catch (error) {
      if (signal.aborted) throw signal.reason ?? error;
      if (error instanceof ProtocolError && error.code === ErrorCode.ConnectionClosed) {
        const detail = this.handle?.stderrTail();
        throw new MCPError(
          'mcp_server_exited',
          this.bundle,
          `MCP server "${this.bundle}" exited during the call; it will be restarted on the next call${detail ? ` (stderr: ${lastLine(detail)})` : ''}`,
          { cause: error },
        );
      }
      const message = error instanceof Error ? error.message : String(error);
      throw new MCPError('mcp_request_failed', this.bundle, message, { cause: error });
    }
  }

  /** Closes the client and stops the server process (idempotent). */
  async close(): Promise<void> {
    this.closed = true;
    const client = this.client ?? (await this.connecting?.catch(() => undefined));
    this.client = undefined;
    await client?.close().catch(() => undefined);
  }

  private async start(signal: AbortSignal | undefined): Promise<Client> {
    const wait = this.nextAttemptAt - Date.now();
    if (wait > MAX_WAIT_FOR_RESTART_MS) {
      throw new MCPError(
        'mcp_server_unavailable',
        this.bundle,
        `MCP server "${this.bundle}" ${this.lastError ?? 'failed'}; next restart in ${Math.ceil(wait / 1000)} s`,
      );
    }
    await waitUntil(this.nextAttemptAt, signal);
    const handle = createMCPTransport(this.options.config, this.options.workspaceRoot);
    const client = new Client(this.options.clientInfo ?? { name: 'gepa-aime', version: '0.1.0' }, {
      capabilities: {},
      listChanged: {
        tools: { autoRefresh: false, debounceMs: 50, onChanged: () => void this.refreshTools(client) },
      },
    });
    this.starts += 1;
    try {
      await client.connect(handle.transport, {
        timeout: this.options.connectTimeoutMs ?? 30_000,
        ...(signal ? { signal } : {}),
      });
      const tools = await this.listAllTools(client);
      if (this.closed) {
        await client.close();
        throw new MCPError('mcp_server_closed', this.bundle, `MCP server "${this.bundle}" is shut down`);
      }
      client.onclose = () => this.onUnexpectedClose(client);
      this.client = client;
      this.handle = handle;
      this.setTools(tools);
      return client;
    } catch (error) {
      await client.close().catch(() => undefined);
      if (error instanceof MCPError) throw error;
      this.recordFailure(`could not start: ${describe(error)}${stderrSuffix(handle)}`);
      throw new MCPError('mcp_server_unavailable', this.bundle, `MCP server "${this.bundle}" ${this.lastError}`, {
        cause: error,
      });
    }
  }

  private onUnexpectedClose(client: Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    if (this.closed) return;
    this.recordFailure(`exited${stderrSuffix(this.handle)}`);
  }

  private recordFailure(reason: string): void {
    this.lastError = reason;
    this.consecutiveFailures += 1;
    const delay = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** (this.consecutiveFailures - 1));
    this.nextAttemptAt = Date.now() + delay;
  }

  private async refreshTools(client: Client): Promise<void> {
    if (this.client !== client) return;
    try {
      this.setTools(await this.listAllTools(client));
    } catch {
      // The next restart lists the tools again.
    }
  }

  private setTools(tools: MCPToolDefinition[]): void {
    this.toolList = tools;
    this.options.onToolsChanged?.(tools);
  }

  private async listAllTools(client: Client): Promise<MCPToolDefinition[]> {
    const tools: MCPToolDefinition[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page += 1) {
      const result = await client.listTools(cursor ? { cursor } : undefined);
      tools.push(...result.tools);
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    return tools;
  }
}

async function waitUntil(time: number, signal: AbortSignal | undefined): Promise<void> {
  const delay = time - Date.now();
  if (delay <= 0) return;
  signal?.throwIfAborted();
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(done, delay);
    function done(): void {
      signal?.removeEventListener('abort', aborted);
      resolve();
    }
    function aborted(): void {
      clearTimeout(timer);
      reject(signal?.reason);
    }
    signal?.addEventListener('abort', aborted, { once: true });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function stderrSuffix(handle: MCPTransportHandle | undefined): string {
  const tail = handle?.stderrTail();
  return tail ? ` (stderr: ${lastLine(tail)})` : '';
}

function lastLine(text: string): string {
  return text.split('\n').filter(Boolean).slice(-3).join(' | ').slice(-500);
}
