import type { GepaMetrics } from '../schemas/gepa';

/**
 * Where `GET /gepa` reads from. The online optimizer (LightweightOnlineGEPA) is the real source;
 * until the service holds one, `RunLogGepaSource` reconstructs the same view from the events
 * the runs logged.
 */
export interface GepaMetricsSource {
  metrics(): GepaMetrics | Promise<GepaMetrics>;
}
