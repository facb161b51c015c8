import { loadApprovalSettings } from '../config/approval-settings';
import { type AIMEConfig, loadConfig } from '../config/load-config';
import type { Judge } from '../judge/judge';
import { createModel } from '../llm/create-model';
import type { LanguageModel } from '../llm/types';
import { LightweightOnlineGEPA } from '../optimizer/online/lightweight-online-gepa';
import type { GEPATraceLog } from '../optimizer/trace-store/trace-log';
import type { PromptOptimizer } from '../protocol/prompt-optimizer';
import { registerMCPBundles } from '../tools/mcp/register-mcp-bundles';
import { createBuiltinRegistry } from '../tools/registry/create-builtin-registry';
import { loadCustomTools } from '../tools/registry/load-custom-tools';
import type { ToolRegistry } from '../tools/registry/tool-registry';
import { AIMEWorkflow } from './aime-workflow';
import { createJudge } from './create-judge';
import type { WorkflowLimits } from './workflow-limits';

export interface CreateAIMERuntimeOptions {
  /** Directory of model_config.yaml, gepa_config.yaml and tool_bundles.json (default ./config). */
  configDirectory?: string;
  /** Absolute path the file tools are confined to. */
  workspaceRoot: string;
  env?: NodeJS.ProcessEnv;
  /** Use this model instead of the configured one (tests, a shared client). */
  model?: LanguageModel;
  /** Default: LightweightOnlineGEPA from gepa_config.yaml, warm-started from its trace file. `null`: none. */
  optimizer?: PromptOptimizer | null;
  /** Where the default optimizer keeps its records instead of `trace_path` (e.g. PostgreSQL, shared by workers). */
  gepaTraceLog?: GEPATraceLog;
  /** Default: the judge of model_config.yaml's `judge:` block (mode, own model). */
  judge?: Judge;
  limits?: Partial<WorkflowLimits>;
}

export interface AIMERuntime {
  config: AIMEConfig;
  model: LanguageModel;
  tools: ToolRegistry;
  judge: Judge;
  workflow: AIMEWorkflow;
  /** The online optimizer when the runtime built it (its `metrics()` feed GET /gepa). */
  onlineGEPA?: LightweightOnlineGEPA;
  /** Stops what the runtime started (MCP servers); call once on shutdown. */
  close(): Promise<void>;
}

/**
 * Loads the config, builds the model and the tool registry (built-ins, custom tools, MCP bundles —
 * their servers start on first use) and the workflow.
 */
export async function createAIMERuntime(options: CreateAIMERuntimeOptions): Promise<AIMERuntime> {
  const config = loadConfig({
    ...(options.configDirectory !== undefined ? { directory: options.configDirectory } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
  const model = options.model ?? createModel(config);
  const tools = createBuiltinRegistry({ toolBundles: config.toolBundles });
  await loadCustomTools(config.toolBundles, tools);
  registerMCPBundles(config.toolBundles, tools, { workspaceRoot: options.workspaceRoot });
  const onlineGEPA =
    options.optimizer === undefined
      ? await LightweightOnlineGEPA.create({
          ...(options.gepaTraceLog ? { traceLog: options.gepaTraceLog } : { tracePath: config.paths.gepaTraceFile }),
          config: config.gepa,
          reflectionModel: model,
        })
      : undefined;
  const optimizer = options.optimizer ?? onlineGEPA;
  const judge = options.judge ?? createJudge(config, model);
  const workflow = new AIMEWorkflow({
    config,
    model,
    workspaceRoot: options.workspaceRoot,
    tools,
    judge,
    approval: loadApprovalSettings(options.env),
    ...(optimizer ? { optimizer } : {}),
    ...(options.limits ? { limits: options.limits } : {}),
  });
  return {
    config,
    model,
    tools,
    judge,
    workflow,
    ...(onlineGEPA ? { onlineGEPA } : {}),
    close: async () => {
      await onlineGEPA?.close();
      await tools.close();
    },
  };
}
