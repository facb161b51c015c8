export {
  type AIMEAdapterOptions,
  type AIMEGoalOutput,
  type AIMETrajectory,
  createAIMEAdapter,
  makeAIMEReflectiveDataset,
} from './aime-adapter';
export {
  type AIMEGoal,
  type AIMEGoalInput,
  type AIMEGoalSet,
  aimeGoalSchema,
  aimeGoalSetSchema,
  goalExpectationsSchema,
  safeParseGoalSet,
  toGoalSet,
} from './aime-goal';
export { FixedPromptOptimizer } from './fixed-prompt-optimizer';
export { checkExpectations, createGoalWorkspace, type GoalCheck, type GoalWorkspace } from './goal-workspace';
export { type FailedTask, GOAL_SCORE_WEIGHTS, type GoalScore, leafSnapshots, scoreGoal } from './score-goal';
