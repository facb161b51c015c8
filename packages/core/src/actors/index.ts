export { ActorContextExceededError } from './actor-context-exceeded-error';
export { ActorFactory, type ActorFactoryOptions, type ActorKnowledge, renderKnowledge } from './actor-factory';
export { ActorModelError } from './actor-model-error';
export {
  composeActorPrompt,
  DEFAULT_ACTOR_PROMPT_TEMPLATE,
  DEFAULT_OUTPUT_FORMAT,
  fillTemplate,
  REACT_TEXT_OUTPUT_FORMAT,
} from './actor-prompt';
export { type ActorReport, actorReportSchema, FINISH_TOOL_NAME } from './actor-report';
export type { ActorRunContext } from './actor-run-context';
export type { ApprovalSetup } from './approval-setup';
export { type CompactionOptions, compactHistory } from './compact-history';
export {
  type ContextBudget,
  contextBudgetFor,
  DEFAULT_CONTEXT_WINDOW,
  estimateRequestTokens,
  promptTokenBudget,
} from './context-budget';
export { type ActorTask, DynamicActor, type DynamicActorOptions } from './dynamic-actor';
export { finishTool } from './finish-tool';
export { describeToolsAsText, parseReactText, type ReactTextStep } from './react-text';
export type { ToolExecution, ToolExecutor } from './run-tool';
