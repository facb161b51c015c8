export { type AppOptions, aimeApp, type BuildAppOptions, buildApp, DEFAULT_DASHBOARD_DIRECTORY } from './app';
export { loadServiceSettings, type ServiceSettings, serviceSettingsSchema } from './config/service-settings';
export type { GepaMetricsSource } from './gepa/gepa-metrics-source';
export type { RunExecution, RunExecutor, RunRequest } from './runs/run-executor';
export { createWorkflowExecutor } from './runs/workflow-executor';
export type { GepaCandidate, GepaMetrics, GepaTimelinePoint } from './schemas/gepa';
export type { CreateRunBody, RunAccepted, RunDetail, RunEvents, RunList, RunSummary } from './schemas/run';
export type { AimeServices, ReadinessCheck, ReadinessResult } from './services';
export { assertSafeBinding, type RunningServer, type StartServerOptions, startServer } from './start-server';
