export { leafTasks, readyTaskIds } from './apply-plan';
export { composeAnswerFromResults } from './compose-answer';
export { decomposeGoal, splitIntoClauses } from './decompose-goal';
export { DynamicPlanner, type DynamicPlannerOptions, type PlanDecision, type PlanRequest } from './dynamic-planner';
export { canonicalJson, ToolLoopDetector } from './loop-detector';
export {
  PLAN_RESPONSE_NAME,
  type PlannedTask,
  type PlannedTaskInput,
  type PlanResponse,
  plannedTaskSchema,
  planResponseJsonSchema,
  planResponseSchema,
} from './plan-schema';
export { DEFAULT_PLANNER_PROMPT } from './planner-prompt';
export { parsePlannerState, renderPlannerRequest } from './planner-state';
export { StallDetector } from './stall-detector';
