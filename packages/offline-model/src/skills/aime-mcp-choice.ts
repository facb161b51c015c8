import type { PlannerState, ToolDefinition } from '@gepa-aime/core';
import { sampleFromSchema } from '../json-schema-sample';
import type { ActorConversation } from './aime-actor-conversation';
import { clip } from './aime-actor-summaries';
import { explicitPaths } from './aime-path-resolution';
import type { TaskPlan } from './aime-task-plan';
import { quotedStrings } from './aime-task-terms';

type JsonSchema = Record<string, unknown>;

/** Separates the bundle from the server's tool name in an MCP tool's actor name. */
const MCP_SEPARATOR = '__';
/** Words of tool names that say nothing about what the tool does. */
const GENERIC_WORDS = new Set(['get', 'set', 'do', 'run', 'tool', 'the', 'a', 'an', 'of', 'to', 'for']);

/** Lower-case words of a name or a text: `trigger-long-running-operation`, `readTextFile` and prose alike. */
function words(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/**
 * The MCP tool (`<bundle>__<tool>`) among `tools` that the task names: its full name, or the bundle's
 * name together with (words of) the server's tool name — "Echo 'hi' with the everything server" →
 * `everything__echo`. The tool whose name shares the most words with the title wins (ties: by name).
 */
export function chooseMCPTool(title: string, tools: readonly string[]): string | undefined {
  const offered = tools.filter((name) => name.includes(MCP_SEPARATOR)).sort();
  const lower = title.toLowerCase();
  const exact = offered.find((name) => lower.includes(name.toLowerCase()));
  if (exact) return exact;
  const titleWords = new Set(words(title));
  let best: string | undefined;
  let bestScore = 0;
  for (const name of offered) {
    const separator = name.indexOf(MCP_SEPARATOR);
    const bundle = name.slice(0, separator);
    const tool = name.slice(separator + MCP_SEPARATOR.length);
    if (!words(bundle).every((word) => titleWords.has(word))) continue;
    const score = words(tool).filter((word) => !GENERIC_WORDS.has(word) && titleWords.has(word)).length;
    if (score > bestScore) {
      best = name;
      bestScore = score;
    }
  }
  return best;
}

/** The MCP bundles whose tools the task names (the offline planner assigns them next to `default`). */
export function mcpBundlesFor(title: string, state: Pick<PlannerState, 'bundles' | 'mcpBundles'>): string[] {
  return (state.mcpBundles ?? []).filter((bundle) => chooseMCPTool(title, state.bundles?.[bundle] ?? []));
}

/**
 * The plan of a task an offered MCP tool fits: one call of it, with arguments filled from the
 * title against the tool's input schema (the `tools` of the request). Undefined when no MCP tool
 * fits, or its schema is not in the request (the text protocol), so the built-in choice applies.
 */
export function planMCPTask(
  conversation: ActorConversation,
  definitions: readonly ToolDefinition[],
): TaskPlan | undefined {
  const name = chooseMCPTool(conversation.title, conversation.tools);
  const schema = definitions.find((definition) => definition.function.name === name)?.function.parameters;
  if (!name || !schema) return undefined;
  return { intent: 'tool', calls: [{ name, arguments: mcpArguments(conversation.title, schema) }] };
}

/**
 * Arguments from the title against the tool's input schema. A property the title names with a value
 * (`duration 2`, `steps=4`, `mode: "fast"`) gets it, optional or not. Other required properties
 * get, in order: an enum value the title names, the schema's default, the title's numbers (numbers),
 * a path the title holds (path-like names), its quoted strings or else the title itself (strings);
 * anything else a schema-valid sample. Other optional properties are left to the server's defaults.
 */
export function mcpArguments(title: string, schema: JsonSchema): Record<string, unknown> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required as string[] | undefined) ?? [];
  const result: Record<string, unknown> = {};
  let rest = title;
  for (const [key, property] of Object.entries(properties)) {
    const named = namedValue(rest, key, typeOf(property));
    if (!named) continue;
    result[key] = named.value;
    rest = rest.replace(named.text, ' ');
  }
  const quoted = quotedStrings(rest);
  const paths = explicitPaths(rest);
  const numbers = [...rest.matchAll(/(?<![\w.])-?\d+(?:\.\d+)?(?![\w.])/g)].map((match) => Number(match[0]));
  for (const key of required) {
    if (key in result) continue;
    const property = properties[key] ?? {};
    const type = typeOf(property);
    const mentioned = Array.isArray(property.enum)
      ? property.enum.find((value) => typeof value === 'string' && words(title).includes(value.toLowerCase()))
      : undefined;
    if (mentioned !== undefined) result[key] = mentioned;
    else if (property.default !== undefined) result[key] = property.default;
    else if ((type === 'number' || type === 'integer') && numbers.length > 0) result[key] = numbers.shift();
    else if (type === 'string' && !property.enum && /path|file|dir/i.test(key) && paths.length > 0)
      result[key] = paths.shift();
    else if (type === 'string' && !property.enum) result[key] = quoted.shift() ?? title;
    else result[key] = sampleFromSchema(property, { text: title });
  }
  return result;
}

function typeOf(property: JsonSchema): unknown {
  return Array.isArray(property.type) ? property.type.find((entry) => entry !== 'null') : property.type;
}

/** `key 2`, `key=2`, `key: "text"`, `key of 2` in the title, for number and string properties. */
function namedValue(title: string, key: string, type: unknown): { text: string; value: unknown } | undefined {
  const name = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  if (type === 'number' || type === 'integer') {
    const match = new RegExp(`\\b${name}\\b\\s*(?:=|:|of|is)?\\s*(-?\\d+(?:\\.\\d+)?)(?![\\w.])`, 'i').exec(title);
    return match?.[1] ? { text: match[0], value: Number(match[1]) } : undefined;
  }
  if (type === 'string') {
    const match = new RegExp(`\\b${name}\\b\\s*(?:=|:|of|is)?\\s*(["'\`])([^"'\`\\n]{1,200})\\1`, 'i').exec(title);
    return match?.[2] ? { text: match[0], value: match[2] } : undefined;
  }
  return undefined;
}

/** The report of an MCP task: what the server answered, or why the call failed. */
export function answerMCPTask(
  conversation: ActorConversation,
  plan: TaskPlan,
): { status: 'complete' | 'failed'; summary: string } {
  const name = plan.calls[0]?.name ?? '';
  const call = conversation.calls.filter((candidate) => candidate.name === name).at(-1);
  if (!call) return { status: 'failed', summary: `The MCP tool ${name} was not called.` };
  const bundle = name.slice(0, name.indexOf(MCP_SEPARATOR));
  const output = clip(call.output.replace(/\s+/g, ' ').trim(), 600);
  return call.ok
    ? { status: 'complete', summary: `${name} (MCP server "${bundle}") returned: ${output}` }
    : { status: 'failed', summary: `${name} (MCP server "${bundle}") failed: ${output}` };
}
