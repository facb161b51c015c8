import { z } from 'zod';

export const gepaConfigSchema = z.object({
  /** Online optimisation on/off. Traces are still written when off. */
  enabled: z.boolean().default(true),
  /** JSON-lines trace file (the seed's format plus our fields). */
  trace_path: z.string().min(1).default('traces/gepa_history.jsonl'),
  /** Rolling window of task outcomes the composite metric looks at. */
  window_size: z.number().int().min(1).max(1000).default(10),
  /** Composite score below which a reflective mutation is proposed. */
  threshold: z.number().min(0).max(1).default(0.5),
  /** `enhanced_decomp_metric` weights: completion rate and recency. */
  completion_weight: z.number().min(0).max(1).default(0.7),
  recency_weight: z.number().min(0).max(1).default(0.3),
  /** Outcomes needed before the first reflection, and between two reflections. */
  min_traces_before_reflection: z.number().int().min(1).default(3),
  /** Failing traces shown to the reflection model. */
  reflection_minibatch_size: z.number().int().min(1).max(50).default(3),
  /** Components evolved online. */
  components: z.array(z.enum(['planner', 'actor'])).default(['planner', 'actor']),
  /** Directory for offline `aime optimize` runs. */
  run_dir: z.string().default('traces/gepa'),
});
export type GEPAConfig = z.infer<typeof gepaConfigSchema>;
