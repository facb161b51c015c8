import { executeToolCall } from '../tools/registry/execute-tool-call';
import type { AnyTool, ToolContext } from '../tools/types';

export interface ToolExecution {
  ok: boolean;
  output: string;
  error?: string;
  references: string[];
  ms: number;
}

export type ToolExecutor = (
  tool: AnyTool,
  rawArguments: string,
  context: ToolContext,
  options: { timeoutMs?: number },
) => Promise<ToolExecution>;

export interface RunToolOptions {
  timeoutMs: number;
  availableTools: string[];
  executeTool?: ToolExecutor | undefined;
}

/** Runs a tool call and turns every outcome (unknown tool, bad arguments, error, timeout) into an observation. */
export async function runTool(
  tool: AnyTool | undefined,
  name: string,
  rawArguments: string,
  context: ToolContext,
  options: RunToolOptions,
): Promise<ToolExecution & { observation: string }> {
  if (!tool) {
    const error = `Unknown tool "${name}". Available tools: ${options.availableTools.join(', ')}.`;
    return { ok: false, output: '', error, references: [], ms: 0, observation: `Error: ${error}` };
  }
  const execute = options.executeTool ?? executeToolCall;
  const result = await execute(tool, rawArguments, context, { timeoutMs: tool.timeoutMs ?? options.timeoutMs });
  const observation = result.ok ? result.output : `Error: ${result.error ?? result.output}`;
  return { ...result, observation };
}
