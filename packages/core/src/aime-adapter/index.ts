export {
  type AimeAdapterOptions,
  type AimeGoalOutput,
  type AimeTrajectory,
  createAimeAdapter,
  makeAimeReflectiveDataset,
} from './aime-adapter';
export {
  type AimeGoal,
  type AimeGoalInput,
  type AimeGoalSet,
  aimeGoalSchema,
  aimeGoalSetSchema,
  goalExpectationsSchema,
  safeParseGoalSet,
  toGoalSet,
} from './aime-goal';
export { FixedPromptOptimizer } from './fixed-prompt-optimizer';
export { checkExpectations, createGoalWorkspace, type GoalCheck, type GoalWorkspace } from './goal-workspace';
export { type FailedTask, GOAL_SCORE_WEIGHTS, type GoalScore, leafSnapshots, scoreGoal } from './score-goal';
