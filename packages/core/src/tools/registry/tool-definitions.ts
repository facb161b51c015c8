import { z } from 'zod';
import type { ToolDefinition } from '../../llm/types';
import type { AnyTool } from '../types';

/** OpenAI-style function definitions; the JSON schema comes from each tool's zod `parameters`. */
export function toToolDefinitions(tools: AnyTool[]): ToolDefinition[] {
  return tools.map((tool) => ({
    type: 'function',
    function: { name: tool.name, description: tool.description, parameters: toParametersSchema(tool) },
  }));
}

/** A tool's argument JSON schema (input side, without `$schema`). */
export function toParametersSchema(tool: AnyTool): Record<string, unknown> {
  if (tool.inputSchema) {
    const { $schema: _ignored, ...schema } = tool.inputSchema;
    return schema;
  }
  const { $schema: _ignored, ...schema } = z.toJSONSchema(tool.parameters, {
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return schema;
}
