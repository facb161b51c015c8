import { isAbsolute, resolve } from 'node:path';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { isStdioServer, type MCPServerConfig, WORKSPACE_PLACEHOLDER } from '../../config/mcp-bundle-config';

const STDERR_TAIL_CHARS = 2000;

export interface MCPTransportHandle {
  transport: Transport;
  /** The last lines the server wrote to stderr (stdio only), for error messages. */
  stderrTail(): string;
}

/**
 * The SDK transport for a bundle's server. A stdio server gets the SDK's minimal environment
 * (PATH, HOME, USER, LOGNAME, SHELL, TERM) plus exactly the entry's `env` — never the AIME
 * process's variables such as AIME_API_TOKEN or model keys; its stderr is kept, not inherited.
 */
export function createMCPTransport(config: MCPServerConfig, workspaceRoot: string): MCPTransportHandle {
  if (!isStdioServer(config)) {
    const transport = new StreamableHTTPClientTransport(new URL(config.url), {
      requestInit: { headers: config.headers },
    });
    return { transport, stderrTail: () => '' };
  }
  const substitute = (value: string): string => value.split(WORKSPACE_PLACEHOLDER).join(workspaceRoot);
  const cwd = config.cwd === undefined ? undefined : substitute(config.cwd);
  const transport = new StdioClientTransport({
    command: config.command,
    args: config.args.map(substitute),
    env: { ...getDefaultEnvironment(), ...config.env },
    ...(cwd !== undefined ? { cwd: isAbsolute(cwd) ? cwd : resolve(workspaceRoot, cwd) } : {}),
    stderr: 'pipe',
  });
  let tail = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    tail = (tail + chunk.toString('utf8')).slice(-STDERR_TAIL_CHARS);
  });
  return { transport, stderrTail: () => tail.trim() };
}
