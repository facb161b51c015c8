import type { AnyTool } from '../types';
import type { MCPBundle } from './mcp-bundle';

/** The bundle's tool called `name` (`<bundle>__<tool>`); a test fails naming the tools there are. */
export function bundleTool(bundle: MCPBundle, name: string): AnyTool {
  const found = bundle.tools().find((candidate) => candidate.name === name);
  if (!found)
    throw new Error(
      `no tool ${name} in ${bundle
        .tools()
        .map((item) => item.name)
        .join(', ')}`,
    );
  return found;
}
