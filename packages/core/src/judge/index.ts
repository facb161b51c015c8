export type { CheckInput } from './checks/check-input';
export { isUrl, normalizePath, pathMentions } from './checks/path-mentions';
export { requiredWrites } from './checks/required-writes';
export { runChecks } from './checks/run-checks';
export {
  type GoalJudgementInput,
  Judge,
  type Judgement,
  type JudgeOptions,
  type TaskJudgementInput,
  type VerdictSource,
} from './judge';
export { DEFAULT_JUDGE_PROMPT } from './judge-prompt';
export { judgeVerdictEvent } from './judge-verdict-event';
export { type JudgementRequest, renderJudgementRequest } from './judgement-request';
export { askModelJudgement, JUDGE_RESPONSE_SCHEMA, type ModelVerdict, modelVerdictSchema } from './model-judgement';
export { emptyEvidence, type TaskEvidence, TaskEvidenceRecorder, type ToolCallEvidence } from './task-evidence';
export { describeTaskStats, type TaskStats, taskStats } from './task-stats';
