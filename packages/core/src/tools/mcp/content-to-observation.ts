import type { ContentBlock } from '@modelcontextprotocol/sdk/types.js';
import { formatBytes } from '../builtin/format-bytes';
import type { ToolResult } from '../types';

/** What an MCP `tools/call` result carries that AIME reads. */
export interface MCPCallResult {
  content?: ContentBlock[];
  structuredContent?: Record<string, unknown>;
  isError?: boolean;
}

/**
 * Turns a tool result's content blocks into the observation: text as is; images, audio and binary
 * resources as a short placeholder with type and size (the model cannot read base64); embedded
 * text resources with their URI; resource links as references. `structuredContent` is shown as
 * JSON when there is no content.
 */
export function contentToObservation(result: MCPCallResult): ToolResult {
  const parts: string[] = [];
  const references: string[] = [];
  for (const block of result.content ?? []) {
    switch (block.type) {
      case 'text':
        parts.push(block.text);
        break;
      case 'image':
      case 'audio':
        parts.push(`[${block.type}: ${block.mimeType}, ${formatBytes(base64Bytes(block.data))}]`);
        break;
      case 'resource': {
        const resource = block.resource;
        if ('text' in resource) parts.push(`[resource ${resource.uri}]\n${resource.text}`);
        else
          parts.push(
            `[resource ${resource.uri}: ${resource.mimeType ?? 'binary'}, ${formatBytes(base64Bytes(resource.blob))}]`,
          );
        references.push(resource.uri);
        break;
      }
      case 'resource_link':
        parts.push(
          `[resource link: ${block.name} <${block.uri}>${block.description ? ` — ${block.description}` : ''}]`,
        );
        references.push(block.uri);
        break;
      default:
        parts.push(`[${(block as { type: string }).type} content]`);
    }
  }
  if (parts.length === 0 && result.structuredContent) parts.push(JSON.stringify(result.structuredContent, null, 2));
  return { output: parts.join('\n') || '(no content)', references };
}

function base64Bytes(data: string): number {
  const padding = data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0;
  return Math.max(0, Math.floor((data.length * 3) / 4) - padding);
}
