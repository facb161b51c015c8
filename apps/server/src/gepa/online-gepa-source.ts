import type { OnlineGEPAMetrics } from '@gepa-aime/core';
import type { GEPAMetrics } from '../schemas/gepa';
import type { GEPAMetricsSource } from './gepa-metrics-source';

/** `GET /gepa` from the service's online optimizer (LightweightOnlineGEPA.metrics()). */
export class OnlineGEPASource implements GEPAMetricsSource {
  constructor(private readonly optimizer: { metrics(): OnlineGEPAMetrics }) {}

  metrics(): GEPAMetrics {
    const metrics = this.optimizer.metrics();
    return {
      source: 'optimizer',
      compositeScore: metrics.composite,
      threshold: metrics.threshold,
      timeline: metrics.timeline.map((point, index) => ({ index, ...point })),
      current: Object.fromEntries(
        Object.entries(metrics.current).map(([component, active]) => [
          component,
          { candidateId: active.candidateId, prompt: active.text },
        ]),
      ),
      candidates: metrics.candidates.map((candidate) => ({
        id: candidate.id,
        component: candidate.component,
        parents: candidate.parentId ? [candidate.parentId] : [],
        prompt: candidate.prompt,
        scores: {
          ...(candidate.meanScore !== null ? { mean: candidate.meanScore } : {}),
          ...(candidate.recentScore !== null ? { recent: candidate.recentScore } : {}),
        },
        score: candidate.meanScore,
        uses: candidate.uses,
        decision: candidate.status,
        createdAt: candidate.createdAt,
        runId: null,
      })),
      trial: metrics.trial,
      traceRecords: metrics.traceRecords,
    };
  }
}
