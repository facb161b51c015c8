import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAIMERuntime, type LanguageModel } from '@gepa-aime/core';
import { OfflineModel } from '@gepa-aime/offline-model';
import type { FastifyInstance } from 'fastify';
import { type BuildAppOptions, buildApp } from '../app';
import { appOptionsFromRuntime } from '../runtime-app-options';
import { scaleOutRunBackend } from '../scale-out/scale-out-backend';
import { GatedModel } from './gated-model';

export const REPOSITORY_CONFIG_DIRECTORY = fileURLToPath(new URL('../../../../config', import.meta.url));

export interface TestApp {
  app: FastifyInstance;
  /** Temp directory holding the workspace (and the traces unless a directory was given). */
  root: string;
  tracesDir: string;
  workspace: string;
  /** The offline model behind a gate (open unless the test closes it). */
  model: GatedModel;
  cleanup(): Promise<void>;
}

export interface TestAppOptions extends Partial<BuildAppOptions> {
  /** Reuse a traces directory (restart tests). */
  tracesDir?: string;
  apiToken?: string;
  concurrency?: number;
  /** More environment for the runtime (e.g. AIME_APPROVAL). */
  runtimeEnv?: Record<string, string>;
  /** The model behind the gate (default: the offline model). */
  innerModel?: LanguageModel;
  /** Scale-out mode on this (migrated) database, the app also working unless `worker: false`. */
  scaleOut?: { databaseUrl: string; worker?: boolean };
}

/** A temp workspace with a few files for the offline model to summarise. */
export async function createWorkspace(root: string): Promise<string> {
  const workspace = join(root, 'workspace');
  await mkdir(join(workspace, 'src'), { recursive: true });
  await writeFile(join(workspace, 'README.md'), '# Demo project\n\nA tiny project used by the server tests.\n');
  await writeFile(join(workspace, 'src', 'index.ts'), 'export const answer = 42;\n');
  return workspace;
}

/** The real service (real AIME workflow, offline model behind a gate) on temp directories. */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const root = await mkdtemp(join(tmpdir(), 'aime-server-test-'));
  const tracesDir = options.tracesDir ?? join(root, 'traces');
  const workspace = await createWorkspace(root);
  const model = new GatedModel(options.innerModel ?? new OfflineModel());
  const runtime = await createAIMERuntime({
    configDirectory: REPOSITORY_CONFIG_DIRECTORY,
    workspaceRoot: workspace,
    env: { AIME_TRACES_DIR: tracesDir, ...options.runtimeEnv },
    model,
  });
  const runtimeOptions = appOptionsFromRuntime(runtime);
  const { scaleOut } = options;
  const app = await buildApp({
    dashboardDirectory: null,
    ...runtimeOptions,
    readiness: async () => ({ ready: true, detail: `${model.provider} model` }),
    ...(scaleOut
      ? scaleOutRunBackend(
          { databaseUrl: scaleOut.databaseUrl, worker: scaleOut.worker ?? true, retryInterrupted: 1 },
          runtimeOptions.executor,
          options.concurrency ?? 4,
        )
      : {}),
    ...options,
    settings: { apiToken: options.apiToken, concurrency: options.concurrency ?? 4, tracesDir },
  });
  return {
    app,
    root,
    tracesDir,
    workspace,
    model,
    async cleanup() {
      model.open();
      await app.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a value other than undefined/false (bounded). */
export async function waitFor<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('waitFor: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
