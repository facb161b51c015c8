import type { ApprovalAnswers } from './approvals/approval-answers';
import type { GEPAMetricsSource } from './gepa/gepa-metrics-source';
import type { ServiceMetrics } from './metrics/service-metrics';
import type { DatabaseHealth } from './runs/run-backend';
import type { RunCoordinator } from './runs/run-coordinator';
import type { RunStore } from './runs/run-store';
import type { WebSocketHub } from './ws/websocket-hub';

export interface ReadinessResult {
  ready: boolean;
  detail: string;
}

/** Is the model reachable? (vLLM: its `/health` or `/v1/models`; offline: always.) */
export type ReadinessCheck = (signal: AbortSignal) => Promise<ReadinessResult>;

/** What the routes use; decorated on the Fastify instance as `aime`. */
export interface AIMEServices {
  manager: RunCoordinator;
  /** Takes operators' answers to approval requests (in-process broker, or PostgreSQL in the scale-out mode). */
  approvals: ApprovalAnswers;
  store: RunStore;
  hub: WebSocketHub;
  metrics: ServiceMetrics;
  gepa: GEPAMetricsSource;
  readiness: ReadinessCheck;
  /** Scale-out mode: is PostgreSQL reachable? */
  checkDatabase?: (signal: AbortSignal) => Promise<DatabaseHealth>;
  model: { provider: string; model: string };
  authRequired: boolean;
  /** `POST /runs` per client per minute; 0: no limit. */
  runsPerMinute: number;
  startedAt: number;
}

declare module 'fastify' {
  interface FastifyInstance {
    aime: AIMEServices;
  }
}
