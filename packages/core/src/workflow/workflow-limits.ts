/** Bounds of one run; every loop of the workflow is bounded by one of these. */
export interface WorkflowLimits {
  /** Planner iterations that run tasks (default 20). */
  maxIterations: number;
  /** Actors running at the same time (default 3). */
  maxParallelActors: number;
  /** Forced re-plans (after failures, loops, stalls) before the run gives up (default 5). */
  maxReplans: number;
  /** ReAct steps per actor (default 10). */
  maxActorSteps: number;
  /** Per tool call, unless the tool sets its own (default 30 s). */
  toolTimeoutMs: number;
  /** Same tool with the same arguments this many times in one task stops the actor (default 3). */
  loopLimit: number;
  /** Iterations without any checklist change before a re-plan is forced (default 2). */
  stallIterations: number;
}

export const DEFAULT_WORKFLOW_LIMITS: WorkflowLimits = {
  maxIterations: 20,
  maxParallelActors: 3,
  maxReplans: 5,
  maxActorSteps: 10,
  toolTimeoutMs: 30_000,
  loopLimit: 3,
  stallIterations: 2,
};

/**
 * What a caller may ask for per run (`POST /runs`, `aime run`, an optimisation goal): one range,
 * so the API, the CLI and goal files refuse the same values.
 */
export const RUN_LIMIT_RANGES = {
  maxIterations: { min: 1, max: 100 },
  maxParallelActors: { min: 1, max: 16 },
} as const;
