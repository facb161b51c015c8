import type { ChatRequest, ToolDefinition } from '@gepa-aime/core';
import { sampleFromSchema } from '../json-schema-sample';
import type { OfflineSkill } from '../offline-skill';
import { keywords, lastUserText } from '../request-text';

/**
 * Forced tool call: when `toolChoice` is `required` or names a function, calls that function (or
 * the tool whose name and description share most words with the request) with arguments that
 * satisfy its parameter schema.
 */
export const toolCallSkill: OfflineSkill = {
  name: 'tool-call',
  handles: (request) =>
    (request.tools?.length ?? 0) > 0 && (request.toolChoice === 'required' || typeof request.toolChoice === 'object'),
  respond(request) {
    const text = lastUserText(request);
    const tool = chooseTool(request);
    if (!tool) return { content: '' };
    const args = sampleFromSchema(tool.function.parameters ?? { type: 'object' }, { text });
    return {
      reasoning: `Offline model: the request requires a tool call; calling ${tool.function.name}.`,
      toolCalls: [{ name: tool.function.name, arguments: args ?? {} }],
    };
  },
};

function chooseTool(request: ChatRequest): ToolDefinition | undefined {
  const tools = request.tools ?? [];
  const choice = request.toolChoice;
  if (typeof choice === 'object') {
    return (
      tools.find((tool) => tool.function.name === choice.function.name) ?? {
        type: 'function',
        function: { name: choice.function.name, description: '', parameters: { type: 'object' } },
      }
    );
  }
  const words = new Set(keywords(lastUserText(request), 50));
  let best = tools[0];
  let bestScore = 0;
  for (const tool of tools) {
    const toolWords = keywords(`${tool.function.name.replace(/_/g, ' ')} ${tool.function.description}`, 50);
    const score = toolWords.filter((word) => words.has(word)).length;
    if (score > bestScore) {
      best = tool;
      bestScore = score;
    }
  }
  return best;
}
