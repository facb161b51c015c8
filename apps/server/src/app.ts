import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { ApprovalBroker } from './approvals/approval-broker';
import { ServiceUnavailableError } from './errors/service-unavailable-error';
import type { GEPAMetricsSource } from './gepa/gepa-metrics-source';
import { RunLogGEPASource } from './gepa/run-log-gepa-source';
import { answerClientError, answerFrameworkError } from './http/framework-errors';
import { withRedactedUrls } from './http/request-log';
import { ServiceMetrics } from './metrics/service-metrics';
import auth from './plugins/auth';
import dashboard from './plugins/dashboard';
import errorHandler from './plugins/error-handler';
import jsonBody from './plugins/json-body';
import methodNotAllowed from './plugins/method-not-allowed';
import rateLimit from './plugins/rate-limit';
import requestGuards from './plugins/request-guards';
import swagger from './plugins/swagger';
import websocket from './plugins/websocket';
import gepaRoutes from './routes/gepa/index';
import healthRoutes from './routes/health/index';
import mcpRoutes from './routes/mcp/index';
import metricsRoutes from './routes/metrics/index';
import runRoutes from './routes/runs/index';
import websocketRoutes from './routes/ws/index';
import { FileRunStore } from './runs/file-run-store';
import type { RunBackend } from './runs/run-backend';
import type { RunExecutor } from './runs/run-executor';
import { RunManager } from './runs/run-manager';
import type { RunManagerLogger } from './runs/run-observer';
import { MAX_RUN_ID_LENGTH } from './runs/run-store';
import type { AIMEServices, ReadinessCheck } from './services';
import { SERVICE_VERSION } from './version';
import { WebSocketHub } from './ws/websocket-hub';

export interface AppOptions {
  /** `apiToken`, `concurrency`, `tracesDir`, `rateLimit` of the service settings (see loadServiceSettings). */
  settings: { apiToken?: string | undefined; concurrency: number; tracesDir: string; rateLimit?: number };
  /** Runs one goal; production: the AIME workflow (see createWorkflowExecutor). */
  executor: RunExecutor;
  /** `/ready`; default: always ready. */
  readiness?: ReadinessCheck;
  model?: { provider: string; model: string };
  /** `GET /gepa` source; default: folded from the runs' gepa events (+ the trace file). */
  gepa?: GEPAMetricsSource;
  gepaTraceFile?: string;
  gepaThreshold?: number;
  /** Built dashboard directory; default apps/dashboard/dist; `null`: no static hosting. */
  dashboardDirectory?: string | null;
  /** `POST /runs` per client per minute, overriding `settings.rateLimit` (default 60; 0: no limit). */
  runsPerMinute?: number;
  websocket?: { maxBufferedBytes?: number; heartbeatMs?: number; maxPayloadBytes?: number };
  /** How long shutdown waits for running runs to stop before marking them interrupted (default 10 s). */
  shutdownGraceMs?: number;
  /** Called when the app closes, after the runs stopped and the logs were flushed. */
  onClose?: () => Promise<void>;
  /** Where runs live and execute; default: run logs under `settings.tracesDir`, executed in this process. */
  runBackend?: (logger: RunManagerLogger) => Promise<RunBackend>;
}

export const DEFAULT_DASHBOARD_DIRECTORY = fileURLToPath(new URL('../../dashboard/dist', import.meta.url));

/**
 * The service as a Fastify plugin: rebuilds the run index from the logs, then registers the
 * plugins and routes. Everything it talks to is injected, so tests build it with a temp traces
 * dir and the model of their choice.
 */
export const aimeApp = fp(
  async function aimeApp(fastify: FastifyInstance, options: AppOptions) {
    fastify.setValidatorCompiler(validatorCompiler);
    fastify.setSerializerCompiler(serializerCompiler);

    const broker = new ApprovalBroker();
    const backend = options.runBackend
      ? await options.runBackend(fastify.log)
      : embeddedRunBackend(options, fastify.log, broker);
    const { store, manager } = backend;
    const approvals = backend.approvals ?? broker;
    const gepa =
      options.gepa ?? new RunLogGEPASource({ traceFile: options.gepaTraceFile, threshold: options.gepaThreshold });
    if (gepa instanceof RunLogGEPASource) manager.observe(gepa);
    let metrics: ServiceMetrics | undefined;
    const hub = new WebSocketHub({
      manager,
      store,
      maxBufferedBytes: options.websocket?.maxBufferedBytes,
      heartbeatMs: options.websocket?.heartbeatMs,
      onClientDropped: () => {
        fastify.log.warn('WebSocket client dropped: send buffer limit exceeded');
        metrics?.recordWebSocketDrop();
      },
    });
    metrics = new ServiceMetrics(manager, hub);
    manager.observe(hub);
    manager.observe(metrics);

    const recovered = await manager.recover();
    fastify.log.info(
      { runs: recovered.runs, interrupted: recovered.interrupted.length },
      'run index rebuilt from logs',
    );

    const services: AIMEServices = {
      manager,
      approvals,
      store,
      hub,
      metrics,
      gepa,
      readiness: withDatabaseCheck(
        options.readiness ?? (async () => ({ ready: true, detail: 'no readiness check configured' })),
        backend,
      ),
      ...(backend.checkDatabase ? { checkDatabase: backend.checkDatabase } : {}),
      model: options.model ?? { provider: 'unknown', model: 'unknown' },
      authRequired: options.settings.apiToken !== undefined,
      runsPerMinute: options.runsPerMinute ?? options.settings.rateLimit ?? 60,
      startedAt: Date.now(),
    };
    fastify.decorate('aime', services);

    fastify.addHook('preClose', async () => {
      await manager.shutdown(options.shutdownGraceMs);
    });
    fastify.addHook('onClose', async () => {
      hub.close();
      await backend.close();
      await options.onClose?.();
    });

    await fastify.register(errorHandler);
    await fastify.register(requestGuards);
    await fastify.register(jsonBody);
    await fastify.register(methodNotAllowed);
    await fastify.register(websocket, { maxPayloadBytes: options.websocket?.maxPayloadBytes ?? 64 * 1024 });
    await fastify.register(auth, { apiToken: options.settings.apiToken });
    await fastify.register(rateLimit);
    await fastify.register(swagger, { version: SERVICE_VERSION, authRequired: services.authRequired });
    await fastify.register(healthRoutes);
    await fastify.register(runRoutes);
    await fastify.register(gepaRoutes);
    await fastify.register(metricsRoutes);
    await fastify.register(websocketRoutes);
    await fastify.register(mcpRoutes);
    await fastify.register(dashboard, {
      directory: options.dashboardDirectory === undefined ? DEFAULT_DASHBOARD_DIRECTORY : options.dashboardDirectory,
    });
  },
  { name: 'aime-app' },
);

/** The default: JSON-lines logs under the traces directory, runs executed by this process. */
function embeddedRunBackend(options: AppOptions, logger: RunManagerLogger, approvals: ApprovalBroker): RunBackend {
  const store = new FileRunStore(options.settings.tracesDir);
  const manager = new RunManager({
    store,
    executor: options.executor,
    concurrency: options.settings.concurrency,
    logger,
    approvals,
  });
  return { store, manager, close: () => store.close() };
}

/** In the scale-out mode a replica is ready only when both the model and the database answer. */
function withDatabaseCheck(readiness: ReadinessCheck, backend: RunBackend): ReadinessCheck {
  const { checkDatabase } = backend;
  if (!checkDatabase) return readiness;
  return async (signal) => {
    const [model, database] = await Promise.all([readiness(signal), checkDatabase(signal)]);
    return { ready: model.ready && database.ok, detail: `${model.detail}; ${database.detail}` };
  };
}

export interface BuildAppOptions extends AppOptions {
  logger?: FastifyServerOptions['logger'];
}

/** A Fastify instance with the service registered and ready (used by server.ts, the CLI and tests). */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedactedUrls(options.logger ?? false),
    bodyLimit: 1024 * 1024,
    requestTimeout: 30_000,
    keepAliveTimeout: 10_000,
    // Every valid run id fits the router's path-parameter limit; longer ones get a 414 in our shape.
    routerOptions: { maxParamLength: MAX_RUN_ID_LENGTH },
    frameworkErrors: answerFrameworkError,
    clientErrorHandler: answerClientError,
    // Fastify's own 503 body is not the service's error shape: the hook below answers instead.
    return503OnClosing: false,
  });
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onRequest', async () => {
    if (closing) throw new ServiceUnavailableError('the server is shutting down');
  });
  await app.register(aimeApp, options);
  await app.ready();
  return app;
}
