import type { RunEventInput } from '../protocol/run-events';

/** One tool call of a task, as the judge and the GEPA trace see it. */
export interface ToolCallEvidence {
  tool: string;
  args: unknown;
  ok: boolean;
  /** The tool's output (cut at MAX_EVIDENCE_OUTPUT_CHARS). */
  output: string;
  error?: string;
  ms: number;
}

/** What one actor attempt did: its tool calls and its model calls. */
export interface TaskEvidence {
  taskId: string;
  toolCalls: ToolCallEvidence[];
  /** Model calls the actor made (its ReAct steps). */
  steps: number;
  promptTokens: number;
  completionTokens: number;
  modelMs: number;
}

const MAX_EVIDENCE_OUTPUT_CHARS = 20_000;

export function emptyEvidence(taskId: string): TaskEvidence {
  return { taskId, toolCalls: [], steps: 0, promptTokens: 0, completionTokens: 0, modelMs: 0 };
}

/**
 * Collects each task's evidence from the run's own events (tool-call, tool-result and the actor's
 * llm-usage), so the judge sees exactly what the event log shows.
 */
export class TaskEvidenceRecorder {
  private readonly byTask = new Map<string, TaskEvidence>();
  private readonly openCalls = new Map<string, ToolCallEvidence>();

  observe(event: RunEventInput): void {
    if (event.type === 'tool-call') {
      const call: ToolCallEvidence = { tool: event.tool, args: event.args, ok: false, output: '', ms: 0 };
      this.openCalls.set(`${event.taskId}\u0000${event.callId}`, call);
      this.evidence(event.taskId).toolCalls.push(call);
    } else if (event.type === 'tool-result') {
      const key = `${event.taskId}\u0000${event.callId}`;
      const call = this.openCalls.get(key);
      if (!call) return;
      this.openCalls.delete(key);
      call.ok = event.ok;
      call.output = event.output.slice(0, MAX_EVIDENCE_OUTPUT_CHARS);
      call.ms = event.ms;
      if (event.error !== undefined) call.error = event.error;
    } else if (event.type === 'llm-usage' && event.role === 'actor' && event.taskId !== undefined) {
      const evidence = this.evidence(event.taskId);
      evidence.steps += 1;
      evidence.promptTokens += event.promptTokens;
      evidence.completionTokens += event.completionTokens;
      evidence.modelMs += event.ms;
    }
  }

  /** The task's evidence since the last `take` (one actor attempt), and starts afresh. */
  take(taskId: string): TaskEvidence {
    const evidence = this.byTask.get(taskId) ?? emptyEvidence(taskId);
    this.byTask.delete(taskId);
    return evidence;
  }

  private evidence(taskId: string): TaskEvidence {
    let evidence = this.byTask.get(taskId);
    if (!evidence) {
      evidence = emptyEvidence(taskId);
      this.byTask.set(taskId, evidence);
    }
    return evidence;
  }
}
