import type { RunEvent } from '../protocol/run-events';

/** Per-run options of AIMEWorkflow.run: id, cancellation, limit overrides and the event sink. */
export interface WorkflowRunOptions {
  runId?: string;
  signal?: AbortSignal;
  maxIterations?: number;
  maxParallelActors?: number;
  onEvent?: (event: RunEvent) => void | Promise<void>;
}
