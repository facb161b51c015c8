import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../errors/config-error';
import { type GEPAConfig, gepaConfigSchema } from './gepa-config';
import { type JudgeSettings, judgeBlockSchema, resolveJudgeSettings } from './judge-config';
import { MCP_BUNDLE_NAME_PATTERN, WORKSPACE_PLACEHOLDER } from './mcp-bundle-config';
import { foldUnknownKeys, type ModelConfig, modelConfigSchema } from './model-config';
import { type ProjectPaths, resolveProjectPaths } from './project-paths';
import { parseWithSchema, readConfigFile } from './read-config-file';
import {
  DEFAULT_TOOL_BUNDLES,
  normalizeToolBundles,
  type ToolBundle,
  type ToolBundles,
  toolBundlesFileSchema,
} from './tool-bundles';

export interface AIMEConfig {
  /** Directory the files were read from (absolute). */
  directory: string;
  model: ModelConfig;
  gepa: GEPAConfig;
  toolBundles: ToolBundles;
  /** API key resolved from the file, `AIME_API_KEY` or the variable named by `api_key_env`. */
  apiKey: string | undefined;
  /** Project root, traces directory and the absolute GEPA paths (see project-paths.ts). */
  paths: ProjectPaths;
  /** The `judge:` block resolved against the main model (mode, model, key). */
  judge: JudgeSettings;
}

export interface LoadConfigOptions {
  /** Config directory; default `config` under the current directory. */
  directory?: string;
  env?: NodeJS.ProcessEnv;
}

export function loadConfig(options: LoadConfigOptions = {}): AIMEConfig {
  const env = options.env ?? process.env;
  const directory = resolve(options.directory ?? 'config');
  if (options.directory !== undefined && !existsSync(directory)) {
    throw new ConfigError(`${directory}: config directory does not exist`, { file: directory });
  }
  const { file, raw } = readModelConfigFile(directory);
  const model = parseModelConfig(file, raw, env);
  const gepa = loadGEPAConfig(directory);
  const toolBundles = loadToolBundles(directory);
  const apiKey = env.AIME_API_KEY ?? (model.api_key_env ? env[model.api_key_env] : undefined) ?? model.api_key;
  const paths = resolveProjectPaths(directory, gepa, env);
  const { judge: judgeBlock } = parseWithSchema(file, judgeSectionSchema, {
    judge: (raw as { judge?: unknown }).judge,
  });
  const judge = resolveJudgeSettings(file, judgeBlock, { model, apiKey }, env);
  return { directory, model, gepa, toolBundles, apiKey, paths, judge };
}

/** Wrapped so a validation error names the field as `judge.<key>`. */
const judgeSectionSchema = z.object({ judge: judgeBlockSchema.prefault({}) });

function readModelConfigFile(directory: string): { file: string; raw: unknown } {
  // `llm_config.yaml` is the name the Python reference's docs also used.
  const candidates = ['model_config.yaml', 'model_config.yml', 'llm_config.yaml'].map((name) => join(directory, name));
  const file = candidates.find((candidate) => existsSync(candidate)) ?? candidates[0] ?? 'model_config.yaml';
  return { file, raw: readConfigFile(file) ?? {} };
}

export function loadModelConfig(directory: string, env: NodeJS.ProcessEnv = process.env): ModelConfig {
  const { file, raw } = readModelConfigFile(directory);
  return parseModelConfig(file, raw, env);
}

function parseModelConfig(file: string, raw: unknown, env: NodeJS.ProcessEnv): ModelConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new ConfigError(`${file}: expected a mapping of keys to values at the top level`, { file });
  }
  const withEnv: Record<string, unknown> = { ...foldUnknownKeys(raw as Record<string, unknown>) };
  if (env.AIME_PROVIDER) withEnv.provider = env.AIME_PROVIDER;
  if (env.AIME_API_BASE) withEnv.api_base = env.AIME_API_BASE;
  if (env.AIME_MODEL) withEnv.model = env.AIME_MODEL;
  const config = parseWithSchema(file, modelConfigSchema, withEnv);
  if (config.provider !== 'offline' && !config.api_base) {
    throw new ConfigError(`${file}: api_base: required when provider is ${config.provider} (or set AIME_API_BASE)`, {
      file,
    });
  }
  return config;
}

export function loadGEPAConfig(directory: string): GEPAConfig {
  const file = join(directory, 'gepa_config.yaml');
  const config = parseWithSchema(file, gepaConfigSchema, readConfigFile(file) ?? {});
  if (Math.abs(config.completion_weight + config.recency_weight - 1) > 1e-9) {
    throw new ConfigError(`${file}: completion_weight + recency_weight must equal 1`, { file });
  }
  return config;
}

export function loadToolBundles(directory: string): ToolBundles {
  const file = join(directory, 'tool_bundles.json');
  const raw = readConfigFile(file);
  if (raw === undefined) return DEFAULT_TOOL_BUNDLES;
  const bundles = normalizeToolBundles(parseWithSchema(file, toolBundlesFileSchema, raw));
  for (const bundle of Object.values(bundles)) {
    if (bundle.mcp) checkMCPBundle(file, bundle, raw);
    if (bundle.mcp && 'cwd' in bundle.mcp && bundle.mcp.cwd && !bundle.mcp.cwd.includes(WORKSPACE_PLACEHOLDER)) {
      bundle.mcp.cwd = resolve(directory, bundle.mcp.cwd);
    }
    for (const tool of bundle.tools) {
      if (tool.module && !isAbsolute(tool.module)) tool.module = resolve(directory, tool.module);
    }
  }
  return bundles;
}

/** MCP bundle names prefix their tools' names, so they must be short and free of `__`; a `name` must match the key. */
function checkMCPBundle(file: string, bundle: ToolBundle, raw: unknown): void {
  if (!MCP_BUNDLE_NAME_PATTERN.test(bundle.name)) {
    throw new ConfigError(
      `${file}: MCP bundle "${bundle.name}": the name prefixes its tools (<bundle>__<tool>): use 1-31 letters, digits, "-" or "_", no "__"`,
      { file },
    );
  }
  const record = raw as Record<string, unknown> & { bundles?: Record<string, unknown> };
  const entry = (record.bundles ?? record)[bundle.name] as { name?: unknown } | undefined;
  if (entry?.name !== undefined && entry.name !== bundle.name) {
    throw new ConfigError(`${file}: MCP bundle "${bundle.name}": name "${String(entry.name)}" differs from its key`, {
      file,
    });
  }
}
