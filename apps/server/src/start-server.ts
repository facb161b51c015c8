import { resolve } from 'node:path';
import {
  ConfigError,
  createAIMERuntime,
  type LanguageModel,
  type PromptOptimizer,
  resolveWorkspaceRoot,
} from '@gepa-aime/core';
import { registerOfflineModel } from '@gepa-aime/offline-model';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { loadServiceSettings, type ServiceSettings } from './config/service-settings';
import { PortInUseError } from './errors/port-in-use-error';
import { LOOPBACK_HOSTS, urlHost } from './http/loopback';
import { defaultLogLevel, readyLine } from './ready-line';
import { appOptionsFromRuntime } from './runtime-app-options';
import { createLineLogger } from './scale-out/line-logger';
import { type OpenedGEPATraceLog, openGEPATraceLog } from './scale-out/open-gepa-trace-log';
import { scaleOutRunBackend } from './scale-out/scale-out-backend';
import { loadScaleOutSettings } from './scale-out/scale-out-settings';

// The default provider (`offline`) lives in its own package; the server wires it into createModel.
registerOfflineModel();

export interface StartServerOptions {
  env?: NodeJS.ProcessEnv;
  /** Directory of the three config files (default `AIME_CONFIG_DIR`, else ./config). */
  configDirectory?: string;
  /** Overrides of the environment's settings (e.g. the CLI's `--port`). */
  settings?: Partial<ServiceSettings>;
  /** Use this model instead of the configured one. */
  model?: LanguageModel;
  optimizer?: PromptOptimizer;
  /** Install SIGINT/SIGTERM handlers that shut down gracefully, then exit (default false). */
  handleSignals?: boolean;
  logger?: FastifyServerOptions['logger'];
  dashboardDirectory?: string | null;
}

export interface RunningServer {
  app: FastifyInstance;
  /** `http://host:port` */
  url: string;
  /** One human line: address, model, traces directory (see ready-line.ts). */
  readyLine: string;
  /** Graceful stop: refuse new runs, interrupt running ones, flush the logs, close. */
  close(): Promise<void>;
}

const SHUTDOWN_DEADLINE_MS = 20_000;

/** Refuses to expose the API beyond this machine without a token. */
export function assertSafeBinding(settings: Pick<ServiceSettings, 'host' | 'apiToken'>): void {
  if (!LOOPBACK_HOSTS.has(settings.host) && settings.apiToken === undefined) {
    throw new ConfigError(
      `refusing to listen on ${settings.host} without AIME_API_TOKEN: anyone who can reach it could run goals ` +
        'that read and write the workspace. Set AIME_API_TOKEN (clients then send "Authorization: Bearer <token>"), ' +
        'or bind 127.0.0.1 (AIME_HOST).',
    );
  }
}

/** Loads settings and config, builds the runtime and the app, listens. Used by server.ts and `aime --viz`. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env = options.env ?? process.env;
  const settings: ServiceSettings = { ...loadServiceSettings(env), ...options.settings };
  const scaleOut = loadScaleOutSettings(env);
  assertSafeBinding(settings);
  const configDirectory = options.configDirectory ?? settings.configDir;
  // Scale-out mode: online GEPA's records and decisions are shared with every worker in PostgreSQL.
  const gepa: OpenedGEPATraceLog | undefined =
    scaleOut.databaseUrl !== undefined && options.optimizer === undefined
      ? await openGEPATraceLog({
          url: scaleOut.databaseUrl,
          applicationName: 'aime-server',
          logger: createLineLogger(process.stderr, env.AIME_LOG_LEVEL ?? 'info'),
        })
      : undefined;
  const runtime = await createAIMERuntime({
    workspaceRoot: resolve(resolveWorkspaceRoot(settings.workspace, env)),
    env,
    ...(configDirectory !== undefined ? { configDirectory } : {}),
    ...(options.model ? { model: options.model } : {}),
    ...(options.optimizer ? { optimizer: options.optimizer } : {}),
    ...(gepa ? { gepaTraceLog: gepa.log } : {}),
  }).catch(async (error: unknown) => {
    await gepa?.close();
    throw error;
  });
  const tracesDir = resolve(settings.tracesDir);
  const runtimeOptions = appOptionsFromRuntime(runtime);
  const appOptions = {
    ...runtimeOptions,
    onClose: async () => {
      await runtimeOptions.onClose?.();
      await gepa?.close();
    },
  };
  const app = await buildApp({
    settings: { ...settings, tracesDir },
    ...appOptions,
    // AIME_DATABASE_URL: runs in PostgreSQL, executed by `aime worker`s (and this server unless AIME_WORKER=0).
    ...scaleOutRunBackend(scaleOut, appOptions.executor, settings.concurrency),
    logger: options.logger ?? { level: defaultLogLevel(env, process.stdout.isTTY === true) },
    ...(options.dashboardDirectory !== undefined ? { dashboardDirectory: options.dashboardDirectory } : {}),
  });
  try {
    await app.listen({ host: settings.host, port: settings.port });
  } catch (error) {
    await app.close();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new PortInUseError(settings.host, settings.port);
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : settings.port;
  const url = `http://${urlHost(settings.host)}:${port}`;
  app.log.info(
    { url, workspace: runtime.workflow.dependencies.workspaceRoot, model: runtime.model.modelId },
    'serving API and dashboard',
  );

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= app.close();
    return closing;
  };
  if (options.handleSignals) installSignalHandlers(app, close);
  const line = readyLine({ url, tracesDir, model: appOptions.model ?? { provider: 'unknown', model: 'unknown' } });
  return { app, url, readyLine: line, close };
}

function installSignalHandlers(app: FastifyInstance, close: () => Promise<void>): void {
  let signalled = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      app.log.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    signalled = true;
    app.log.info({ signal }, 'shutting down: no new runs, interrupting running ones');
    const deadline = setTimeout(() => {
      app.log.error('shutdown took too long: exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS);
    deadline.unref();
    close().then(
      () => {
        app.log.info('shut down cleanly');
        (app.log as { flush?: () => void }).flush?.();
        process.exit(0);
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
