import { resolve } from 'node:path';
import { ConfigError, createAIMERuntime, type LanguageModel, resolveWorkspaceRoot } from '@gepa-aime/core';
import { registerOfflineModel } from '@gepa-aime/offline-model';
import { loadServiceSettings } from '../config/service-settings';
import { RunWorker } from '../runs/postgres/run-worker';
import type { RunManagerLogger } from '../runs/run-observer';
import { createWorkflowExecutor } from '../runs/workflow-executor';
import { openGEPATraceLog } from './open-gepa-trace-log';
import { openScaleOutServices } from './scale-out-services';
import { loadScaleOutSettings } from './scale-out-settings';

// The default provider (`offline`) lives in its own package; the worker wires it into createModel.
registerOfflineModel();

export interface StartWorkerOptions {
  env?: NodeJS.ProcessEnv;
  configDirectory?: string;
  workspace?: string;
  /** Use this model instead of the configured one. */
  model?: LanguageModel;
  logger: RunManagerLogger;
}

export interface RunningWorker {
  id: string;
  concurrency: number;
  /** Graceful stop: interrupt running runs (they go back to the queue), release the lease. */
  close(graceMs?: number): Promise<void>;
}

/** `aime worker`: executes queued runs from PostgreSQL with AIME_CONCURRENCY slots, serves no HTTP. */
export async function startWorker(options: StartWorkerOptions): Promise<RunningWorker> {
  const env = options.env ?? process.env;
  const settings = loadServiceSettings(env);
  const scaleOut = loadScaleOutSettings(env);
  if (scaleOut.databaseUrl === undefined) {
    throw new ConfigError(
      'aime worker needs AIME_DATABASE_URL (postgres://…): workers take their runs from PostgreSQL',
    );
  }
  const configDirectory = options.configDirectory ?? settings.configDir;
  // Online GEPA is shared by every worker: its records and decisions live in PostgreSQL.
  const gepa = await openGEPATraceLog({
    url: scaleOut.databaseUrl,
    applicationName: 'aime-worker',
    logger: options.logger,
  });
  let runtime: Awaited<ReturnType<typeof createAIMERuntime>>;
  let services: Awaited<ReturnType<typeof openScaleOutServices>>;
  try {
    runtime = await createAIMERuntime({
      workspaceRoot: resolve(resolveWorkspaceRoot(options.workspace ?? settings.workspace, env)),
      env,
      gepaTraceLog: gepa.log,
      ...(configDirectory !== undefined ? { configDirectory } : {}),
      ...(options.model ? { model: options.model } : {}),
    });
    services = await openScaleOutServices({
      url: scaleOut.databaseUrl,
      applicationName: 'aime-worker',
      retryInterrupted: scaleOut.retryInterrupted,
      logger: options.logger,
    });
  } catch (error) {
    await gepa.close();
    throw error;
  }
  const worker = new RunWorker({
    url: scaleOut.databaseUrl,
    pool: services.pool,
    store: services.store,
    queue: services.queue,
    retry: services.retry,
    executor: createWorkflowExecutor(runtime.workflow),
    concurrency: settings.concurrency,
    logger: options.logger,
  });
  try {
    await worker.start();
  } catch (error) {
    await services.close();
    await runtime.close();
    await gepa.close();
    throw error;
  }
  services.reaper.start();
  let closing: Promise<void> | undefined;
  return {
    id: worker.id,
    concurrency: settings.concurrency,
    close: (graceMs) => {
      closing ??= (async () => {
        await worker.stop(graceMs);
        await services.close();
        await runtime.close();
        await gepa.close();
      })();
      return closing;
    },
  };
}
