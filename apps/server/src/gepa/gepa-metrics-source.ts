import type { GEPAMetrics } from '../schemas/gepa';

/**
 * Where `GET /gepa` reads from. The online optimizer (LightweightOnlineGEPA) is the real source;
 * until the service holds one, `RunLogGEPASource` reconstructs the same view from the events
 * the runs logged.
 */
export interface GEPAMetricsSource {
  metrics(): GEPAMetrics | Promise<GEPAMetrics>;
}
