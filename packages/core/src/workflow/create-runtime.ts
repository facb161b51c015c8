import { type AimeConfig, loadConfig } from '../config/load-config';
import { createModel } from '../llm/create-model';
import type { LanguageModel } from '../llm/types';
import type { PromptOptimizer } from '../optimizer/prompt-optimizer';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import { loadCustomTools } from '../tools/registry/load-custom-tools';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import { AIMEWorkflow } from './aime-workflow';
import type { WorkflowLimits } from './workflow-limits';

export interface CreateAimeRuntimeOptions {
  /** Directory of model_config.yaml, gepa_config.yaml and tool_bundles.json (default ./config). */
  configDirectory?: string;
  /** Absolute path the file tools are confined to. */
  workspaceRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Use this model instead of the configured one (tests, a shared client). */
  model?: LanguageModel;
  optimizer?: PromptOptimizer;
  limits?: Partial<WorkflowLimits>;
}

export interface AimeRuntime {
  config: AimeConfig;
  model: LanguageModel;
  tools: ToolRegistry;
  workflow: AIMEWorkflow;
}

/** Loads the config, builds the model and the tool registry (built-ins + custom tools) and the workflow. */
export async function createAimeRuntime(options: CreateAimeRuntimeOptions): Promise<AimeRuntime> {
  const config = loadConfig({
    ...(options.configDirectory !== undefined ? { directory: options.configDirectory } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const model = options.model ?? createModel(config);
  const tools = createBuiltinRegistry({ toolBundles: config.toolBundles });
  await loadCustomTools(config.toolBundles, tools);
  const workflow = new AIMEWorkflow({
    config,
    model,
    workspaceRoot: options.workspaceRoot,
    tools,
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return { config, model, tools, workflow };
}
