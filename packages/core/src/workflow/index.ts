export { AIMEWorkflow, type AIMEWorkflowDependencies, type WorkflowRunOptions } from './aime-workflow';
export { type AimeRuntime, type CreateAimeRuntimeOptions, createAimeRuntime } from './create-runtime';
export { RunEventEmitter, type RunEventSink } from './run-event-emitter';
export { DEFAULT_WORKFLOW_LIMITS, type WorkflowLimits } from './workflow-limits';
