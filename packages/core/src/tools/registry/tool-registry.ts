import type { AnyTool } from '../types';

/** The function-calling rule for tool names. */
export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** Tools by name. Names follow the function-calling rule: letters, digits, `_` and `-`, at most 64. */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyTool>();

  constructor(tools: AnyTool[] = []) {
    for (const tool of tools) this.register(tool);
  }

  /** Adds a tool; `replace` allows overriding one with the same name (otherwise a duplicate throws). */
  register(tool: AnyTool, options: { replace?: boolean } = {}): this {
    if (!TOOL_NAME_PATTERN.test(tool.name)) {
      throw new Error(`Invalid tool name "${tool.name}": use 1-64 letters, digits, "_" or "-"`);
    }
    if (this.tools.has(tool.name) && !options.replace)
      throw new Error(`A tool named "${tool.name}" is already registered`);
    this.tools.set(tool.name, tool);
    return this;
  }

  get(name: string): AnyTool | undefined {
    return this.tools.get(name);
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  names(): string[] {
    return [...this.tools.keys()];
  }

  all(): AnyTool[] {
    return [...this.tools.values()];
  }
}
