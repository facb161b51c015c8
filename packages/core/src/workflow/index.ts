export { AIMEWorkflow } from './aime-workflow';
export type { AIMEWorkflowDependencies } from './aime-workflow-dependencies';
export { createJudge } from './create-judge';
export { type AIMERuntime, type CreateAIMERuntimeOptions, createAIMERuntime } from './create-runtime';
export { RunEventEmitter, type RunEventSink } from './run-event-emitter';
export {
  DEFAULT_STOP_CONDITIONS,
  type LoopState,
  maxIterationsReached,
  maxReplansExceeded,
  type StopCondition,
  type StopDecision,
} from './stop-conditions';
export { DEFAULT_WORKFLOW_LIMITS, RUN_LIMIT_RANGES, type WorkflowLimits } from './workflow-limits';
export type { WorkflowRunOptions } from './workflow-run-options';
