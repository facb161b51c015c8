import type { GEPAConfig } from '@gepa-aime/core';

/** Small windows so that candidates are proposed, trialled and decided every few records. */
export const WRITER_GEPA_CONFIG: Partial<GEPAConfig> = {
  window_size: 4,
  threshold: 0.6,
  min_traces_before_reflection: 2,
  reflection_minibatch_size: 2,
};
