import { createHash } from 'node:crypto';

const MAX_TOOL_NAME_LENGTH = 64;
const SEPARATOR = '__';

/**
 * The name an MCP tool gets in AIME: `<bundle>__<tool>`. Characters the function-calling rule
 * refuses become `_`; a name that is too long, or that another tool of the bundle already took
 * after that cleaning, ends in a short hash of the server's name, so two tools never share a name.
 * Bundle names cannot contain `__`, so the prefix always tells the bundle.
 */
export function mcpToolName(bundle: string, tool: string, taken: ReadonlySet<string>): string {
  const cleaned = tool.replace(/[^A-Za-z0-9_-]/g, '_') || 'tool';
  const plain = `${bundle}${SEPARATOR}${cleaned}`;
  if (plain.length <= MAX_TOOL_NAME_LENGTH && !taken.has(plain) && cleaned === tool) return plain;
  const hash = createHash('sha256').update(tool).digest('hex').slice(0, 8);
  const room = MAX_TOOL_NAME_LENGTH - bundle.length - SEPARATOR.length - hash.length - 1;
  return `${bundle}${SEPARATOR}${cleaned.slice(0, Math.max(1, room))}_${hash}`;
}

/** The bundle a tool name belongs to when it follows the `<bundle>__<tool>` rule. */
export function bundleOfToolName(name: string): string | undefined {
  const index = name.indexOf(SEPARATOR);
  return index > 0 ? name.slice(0, index) : undefined;
}
