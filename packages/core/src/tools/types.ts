import type { z } from 'zod';
import type { TaskStatus } from '../protocol/task-status';

/** What a tool may touch and report while it runs for one task. */
export interface ToolContext {
  /** Absolute, real path of the workspace root; file tools must stay inside it. */
  workspaceRoot: string;
  /** Aborted when the run is cancelled or the per-tool timeout fires. */
  signal: AbortSignal;
  taskId: string;
  /** Used by `update_progress`; the workflow turns it into a `progress-update` event. */
  reportProgress(status: TaskStatus, message: string): void;
}

export interface ToolResult {
  /** Text the model sees as the observation. */
  output: string;
  /** Workspace-relative paths or URLs the result is based on (become task references). */
  references?: string[];
}

export interface Tool<Args = unknown> {
  name: string;
  description: string;
  /** zod schema of the arguments: validates calls and produces the JSON schema sent to the model. */
  parameters: z.ZodType<Args>;
  /** Per-call timeout in milliseconds (default from the actor). */
  timeoutMs?: number;
  /**
   * The JSON schema sent to the model when it is not derived from `parameters` (MCP tools: the
   * server's `inputSchema`; `parameters` then validates against it).
   */
  inputSchema?: Record<string, unknown>;
  /** Where the tool comes from when it is not built in: the bundle (an MCP server) that lists it. */
  source?: { kind: 'mcp'; bundle: string; tool: string };
  /** From tool_bundles.json: `always` asks an operator before every call, `never` never asks. */
  approval?: 'never' | 'always';
  /** Hints used by the approval policy (MCP tool annotations). */
  annotations?: { destructive?: boolean; openWorld?: boolean; readOnly?: boolean };
  execute(args: Args, context: ToolContext): Promise<ToolResult>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry holds tools of every argument type.
export type AnyTool = Tool<any>;
