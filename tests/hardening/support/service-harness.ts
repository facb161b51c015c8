import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModel, WorkflowLimits } from '@gepa-aime/core';
import { createAIMERuntime, createModel, finalRunStatusSchema, loadConfig } from '@gepa-aime/core';
import type { FakeOpenAIServer } from '@gepa-aime/core/testing';
import { registerOfflineModel } from '@gepa-aime/offline-model';
import { buildApp } from '../../../apps/server/src/app';
import { createWorkflowExecutor } from '../../../apps/server/src/runs/workflow-executor';

registerOfflineModel();

/** The Fastify instance buildApp returns (fastify itself is a dependency of apps/server only). */
export type ServiceApp = Awaited<ReturnType<typeof buildApp>>;

/** The statuses a run ends in, from the event protocol. */
export const FINAL_STATUSES: readonly string[] = finalRunStatusSchema.options;

export interface ServiceHarness {
  app: ServiceApp;
  root: string;
  tracesDir: string;
  workspace: string;
  configDirectory: string;
  cleanup(): Promise<void>;
}

export interface ServiceHarnessOptions {
  /** Talk to this fake server through the real OpenAI-compatible client (else `model` is used). */
  fake?: FakeOpenAIServer;
  model?: LanguageModel;
  /** Seconds (model_config.yaml `request_timeout`). */
  requestTimeout?: number;
  maxRetries?: number;
  limits?: Partial<WorkflowLimits>;
  concurrency?: number;
  /** Require `Authorization: Bearer <apiToken>`. */
  apiToken?: string;
}

/** Writes model_config.yaml for the fake server (or the offline provider) into a new directory. */
export async function writeConfigDirectory(
  root: string,
  model: { apiBase?: string; requestTimeout?: number; maxRetries?: number },
): Promise<string> {
  const directory = join(root, 'config');
  await mkdir(directory, { recursive: true });
  const lines = model.apiBase
    ? [
        'model: fake-model',
        'provider: openai',
        `api_base: ${model.apiBase}`,
        `request_timeout: ${model.requestTimeout ?? 5}`,
        `max_retries: ${model.maxRetries ?? 1}`,
      ]
    : ['model: offline', 'provider: offline'];
  await writeFile(join(directory, 'model_config.yaml'), `${lines.join('\n')}\n`);
  return directory;
}

/** A workspace with a README and a source file (real path). */
export async function createWorkspace(root: string): Promise<string> {
  const workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'src'), { recursive: true });
  await writeFile(join(workspace, 'README.md'), '# Hardening workspace\n\nUsed by tests/hardening.\n');
  await writeFile(join(workspace, 'src', 'index.ts'), 'export const answer = 42;\n');
  return realpath(workspace);
}

/**
 * The real service (Fastify app, run manager, run logs, AIME workflow) on temp directories, with
 * the model either the real OpenAI-compatible client against a fake server (config written to a
 * temp config dir) or a given in-process model.
 */
export async function startServiceHarness(options: ServiceHarnessOptions): Promise<ServiceHarness> {
  const root = await realpath(await mkdtemp(join(tmpdir(), 'aime-hardening-')));
  const tracesDir = join(root, 'traces');
  const workspace = await createWorkspace(root);
  const configDirectory = await writeConfigDirectory(root, {
    ...(options.fake ? { apiBase: options.fake.url } : {}),
    requestTimeout: options.requestTimeout ?? 5,
    maxRetries: options.maxRetries ?? 1,
  });
  const config = loadConfig({ directory: configDirectory, env: {} });
  const model = options.model ?? createModel(config, { retryBaseDelayMs: 5 });
  const runtime = await createAIMERuntime({
    configDirectory,
    workspaceRoot: workspace,
    env: {},
    model,
    ...(options.limits ? { limits: options.limits } : {}),
  });
  const app = await buildApp({
    settings: { concurrency: options.concurrency ?? 4, tracesDir, apiToken: options.apiToken },
    executor: createWorkflowExecutor(runtime.workflow),
    model: { provider: model.provider, model: model.modelId },
    dashboardDirectory: null,
    runsPerMinute: 1_000_000,
    shutdownGraceMs: 2_000,
  });
  return {
    app,
    root,
    tracesDir,
    workspace,
    configDirectory,
    async cleanup() {
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Polls `check` every 20 ms until it returns something other than undefined (bounded). */
export async function waitUntil<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
