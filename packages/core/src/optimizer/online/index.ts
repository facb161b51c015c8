export { type ApplyPromptsOptions, applyPrompts } from './apply-prompts';
export {
  completionRate,
  DEFAULT_METRIC_WEIGHTS,
  enhancedDecompMetric,
  type MetricWeights,
  recencyScore,
} from './enhanced-decomp-metric';
export { LightweightOnlineGEPA, type LightweightOnlineGEPAOptions } from './lightweight-online-gepa';
export type { CandidateStatus } from './online-candidate';
export type { OnlineGEPAMetrics } from './online-metrics';
export { AIME_REFLECTION_PROMPT_TEMPLATE } from './online-reflection';
