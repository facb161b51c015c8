import { normalizeError } from '@gepa-aime/core';
import type { AppOptions } from '../app';
import { PostgresApprovalAnswers } from '../runs/postgres/postgres-approval-answers';
import { PostgresRunCoordinator } from '../runs/postgres/postgres-run-coordinator';
import { RunWorker } from '../runs/postgres/run-worker';
import type { RunBackend } from '../runs/run-backend';
import type { RunExecutor } from '../runs/run-executor';
import type { RunManagerLogger } from '../runs/run-observer';
import { openScaleOutServices } from './scale-out-services';
import type { ScaleOutSettings } from './scale-out-settings';

export interface ScaleOutBackendOptions {
  settings: ScaleOutSettings & { databaseUrl: string };
  /** Runs one goal on this server when it also works (AIME_WORKER=1). */
  executor: RunExecutor;
  /** This server's worker slots (AIME_CONCURRENCY). */
  concurrency: number;
  logger: RunManagerLogger;
}

/** An API replica on PostgreSQL: the coordinator, the reaper and (AIME_WORKER=1) a worker in the same process. */
export async function createScaleOutBackend(options: ScaleOutBackendOptions): Promise<RunBackend> {
  const { settings, logger } = options;
  const services = await openScaleOutServices({
    url: settings.databaseUrl,
    applicationName: 'aime-server',
    retryInterrupted: settings.retryInterrupted,
    logger,
  });
  const { pool, store, queue } = services;
  const worker = settings.worker
    ? new RunWorker({
        url: settings.databaseUrl,
        pool,
        store,
        queue,
        retry: services.retry,
        executor: options.executor,
        concurrency: options.concurrency,
        logger,
      })
    : undefined;
  let started = false;
  const manager = new PostgresRunCoordinator({
    url: settings.databaseUrl,
    pool,
    store,
    queue,
    logger,
    afterRecover: async () => {
      await worker?.start();
      services.reaper.start();
      started = true;
    },
    beforeShutdown: async (graceMs) => {
      if (started) await worker?.stop(graceMs);
    },
  });
  return {
    store,
    manager,
    approvals: new PostgresApprovalAnswers(pool, manager),
    checkDatabase: async () => {
      try {
        await pool.query('select 1');
        return { ok: true, detail: 'database reachable' };
      } catch (error) {
        return { ok: false, detail: `database unreachable: ${normalizeError(error).message}` };
      }
    },
    close: () => services.close(),
  };
}

/** The app option selecting the scale-out backend when AIME_DATABASE_URL is set (nothing otherwise). */
export function scaleOutRunBackend(
  settings: ScaleOutSettings,
  executor: RunExecutor,
  concurrency: number,
): Pick<AppOptions, 'runBackend'> {
  const { databaseUrl } = settings;
  if (databaseUrl === undefined) return {};
  return {
    runBackend: (logger) =>
      createScaleOutBackend({ settings: { ...settings, databaseUrl }, executor, concurrency, logger }),
  };
}
