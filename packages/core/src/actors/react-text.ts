import { toParametersSchema } from '../tools/registry/tool-definitions';
import type { AnyTool } from '../tools/types';

export interface ReactTextStep {
  thought: string;
  /** Tool name, or undefined when the reply has no Action (a final answer). */
  action?: string;
  /** The raw Action Input text (JSON expected). */
  input: string;
}

/** Tool list for the `react-text` protocol: names, descriptions and JSON argument schemas. */
export function describeToolsAsText(tools: AnyTool[]): string {
  return tools
    .map(
      (tool) =>
        `- ${tool.name}: ${tool.description}\n  Action Input schema: ${JSON.stringify(toParametersSchema(tool))}`,
    )
    .join('\n');
}

/**
 * Parses a `Thought: … / Action: … / Action Input: …` reply. Only the first action is used; text
 * after a hallucinated "Observation:" is ignored.
 */
export function parseReactText(text: string): ReactTextStep {
  const body = text.split(/\n\s*Observation\s*:/i)[0] ?? text;
  const thought = /Thought\s*:\s*([\s\S]*?)(?=\n\s*Action\s*:|$)/i.exec(body)?.[1]?.trim() ?? '';
  const action = /(?:^|\n)\s*Action\s*:\s*`?([A-Za-z_][\w-]*)`?/i.exec(body)?.[1];
  const inputMatch = /Action\s*Input\s*:\s*([\s\S]*)$/i.exec(body)?.[1]?.trim() ?? '';
  const input = stripFence(inputMatch);
  if (!action) return { thought: thought || body.trim(), input: '' };
  return { thought, action, input: input || '{}' };
}

function stripFence(text: string): string {
  const fenced = /^```(?:json)?\s*\n?([\s\S]*?)\n?```/.exec(text);
  return (fenced?.[1] ?? text).trim();
}
