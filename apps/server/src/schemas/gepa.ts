import { z } from 'zod';

export const gepaTimelinePointSchema = z.object({
  index: z.number().int().describe('position in the timeline, from 0'),
  ts: z.number(),
  runId: z.string().nullable(),
  component: z.string(),
  candidateId: z.string(),
  score: z.number().describe('score of this task outcome'),
  composite: z.number().describe('rolling composite score after it'),
});

export const gepaCandidateSchema = z.object({
  id: z.string(),
  component: z.string(),
  parents: z.array(z.string()).describe('lineage: the candidates this one was derived from'),
  prompt: z.string(),
  scores: z.record(z.string(), z.number()),
  score: z.number().nullable().describe('mean of the outcome scores recorded for this candidate'),
  uses: z.number().int().describe('task outcomes recorded with this candidate'),
  decision: z.string(),
  createdAt: z.number(),
  runId: z.string().nullable(),
});

export const gepaMetricsSchema = z
  .object({
    source: z.enum(['optimizer', 'run-logs', 'history-file', 'none']).describe('where these numbers come from'),
    compositeScore: z.number().nullable().describe('latest rolling composite score'),
    threshold: z.number().describe('composite below which a reflective mutation is proposed'),
    timeline: z.array(gepaTimelinePointSchema),
    current: z
      .record(z.string(), z.object({ candidateId: z.string(), prompt: z.string() }))
      .describe('current prompt per component (planner, actor)'),
    candidates: z.array(gepaCandidateSchema),
    trial: z
      .object({
        component: z.string(),
        candidateId: z.string(),
        parentId: z.string(),
        parentScore: z.number(),
        outcomes: z.number().int(),
        needed: z.number().int(),
      })
      .nullable()
      .describe('the candidate being measured against its parent, if any (optimizer source only)'),
    traceRecords: z.number().int().describe('records in the GEPA trace file'),
  })
  .meta({ id: 'GEPAMetrics' });
export type GEPAMetrics = z.infer<typeof gepaMetricsSchema>;
export type GEPATimelinePoint = z.infer<typeof gepaTimelinePointSchema>;
export type GEPACandidate = z.infer<typeof gepaCandidateSchema>;
