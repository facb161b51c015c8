import type { AnyTool } from '../types';
import { contentToObservation } from './content-to-observation';
import { jsonSchemaParameters } from './json-schema-parameters';
import { MCPError } from './mcp-error';
import { mcpProgressReporter } from './mcp-progress';
import type { MCPServerConnection, MCPToolDefinition } from './mcp-server-connection';

/**
 * An actor tool for one MCP tool: called `<bundle>__<tool>`, described and parameterised by the
 * server's definition (its `inputSchema` is what the model sees and what ajv validates before the
 * call), run through the bundle's shared connection. `isError` results become tool errors; the
 * server's progress notifications become the task's progress (`progress-update` events).
 */
export function createMCPTool(
  connection: MCPServerConnection,
  definition: MCPToolDefinition,
  name: string,
  timeoutMs: number | undefined,
): AnyTool {
  const inputSchema = definition.inputSchema as Record<string, unknown>;
  const hints = definition.annotations;
  const title = definition.title ?? hints?.title;
  const description = [
    `[MCP ${connection.bundle}]`,
    title && title !== definition.name ? `${title}:` : '',
    definition.description?.trim() || `Tool "${definition.name}" of the MCP server "${connection.bundle}".`,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    name,
    description,
    parameters: jsonSchemaParameters(inputSchema),
    inputSchema,
    source: { kind: 'mcp', bundle: connection.bundle, tool: definition.name },
    annotations: {
      ...(hints?.destructiveHint !== undefined ? { destructive: hints.destructiveHint } : {}),
      ...(hints?.openWorldHint !== undefined ? { openWorld: hints.openWorldHint } : {}),
      ...(hints?.readOnlyHint !== undefined ? { readOnly: hints.readOnlyHint } : {}),
    },
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    async execute(args: Record<string, unknown>, context) {
      const onProgress = mcpProgressReporter(name, (message) => context.reportProgress('in_progress', message));
      const result = await connection.callTool(definition.name, args, context.signal, onProgress);
      const observation = contentToObservation(result);
      if (result.isError) throw new MCPError('mcp_tool_error', connection.bundle, observation.output);
      return observation;
    },
  };
}
