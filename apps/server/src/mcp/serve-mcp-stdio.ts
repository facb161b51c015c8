import type { Readable, Writable } from 'node:stream';
import type { AIMERuntime } from '@gepa-aime/core';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { buildApp } from '../app';
import { appOptionsFromRuntime } from '../runtime-app-options';
import { createAIMEMCPServer } from './aime-mcp-server';

export interface ServeMCPStdioOptions {
  runtime: AIMERuntime;
  /** Run logs (the same `traces/runs/` the service uses, so runs show up in both). */
  tracesDir: string;
  concurrency: number;
  input: Readable;
  output: Writable;
  /** Where the service's warnings go (never stdout: it carries the protocol). */
  log: Writable;
  signal: AbortSignal;
}

/**
 * `aime mcp`: the GEPA-AIME MCP server on stdin/stdout, backed by the service's run manager
 * (queue, run logs, GEPA) without an HTTP listener. Returns when the client closes stdin or the
 * signal fires; running runs are then interrupted and the logs flushed.
 */
export async function serveMCPStdio(options: ServeMCPStdioOptions): Promise<void> {
  const app = await buildApp({
    ...appOptionsFromRuntime(options.runtime),
    settings: { concurrency: options.concurrency, tracesDir: options.tracesDir },
    dashboardDirectory: null,
    logger: { level: 'warn', stream: options.log },
  });
  const server = createAIMEMCPServer(app.aime);
  const transport = new StdioServerTransport(options.input, options.output);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    options.input.once('end', () => resolve());
    if (options.signal.aborted) resolve();
    options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => undefined);
  await app.close();
}
