import type { ApprovalSettings } from '../config/approval-settings';
import type { AIMEConfig } from '../config/load-config';
import type { Judge } from '../judge/judge';
import type { LanguageModel } from '../llm/types';
import type { PromptOptimizer } from '../protocol/prompt-optimizer';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import type { StopCondition } from './stop-conditions';
import type { WorkflowLimits } from './workflow-limits';

/** What an AIMEWorkflow is built from: config, model, workspace, and the optional parts. */
export interface AIMEWorkflowDependencies {
  config: AIMEConfig;
  model: LanguageModel;
  /** Absolute path the file tools are confined to. */
  workspaceRoot: string;
  /** Tool registry (default: the built-in tools). */
  tools?: ToolRegistry;
  /** Online prompt optimizer (LightweightOnlineGEPA); without it the default prompts are used. */
  optimizer?: PromptOptimizer;
  /** Judges every task result and the final answer; without it the actors' claims stand (mode `off`). */
  judge?: Judge;
  now?: () => number;
  /** Overrides of the default limits (max re-plans, actor steps, tool timeout …). */
  limits?: Partial<WorkflowLimits>;
  /**
   * Stop conditions checked, in order, before every batch of tasks (default: DEFAULT_STOP_CONDITIONS).
   * The iteration and re-plan limits still apply after them, so a run always ends.
   */
  stopWhen?: StopCondition[];
  /** AIME_APPROVAL / AIME_APPROVAL_TIMEOUT (default: off). */
  approval?: ApprovalSettings;
}
