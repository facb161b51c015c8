import type { TraceDecisionInput } from '../trace-store/trace-record';
import { type TraceLogger, TraceStore } from '../trace-store/trace-store';
import { legacyCandidateId } from './online-candidate';

export interface ApplyPromptsOptions {
  /** Score that justified the prompts (e.g. the best validation score of `aime optimize`). */
  score?: number;
  /** Candidate each prompt replaces, per component (lineage). */
  parentIds?: Record<string, string>;
  source?: string;
  runId?: string;
  now?: () => number;
  logger?: TraceLogger;
}

/**
 * Makes `prompts` (component → text) the ones online GEPA warm-starts next time: appends one
 * `applied` decision record per component to the trace file, in one write. On replay an applied
 * prompt becomes current and starts a new epoch — the candidates before it no longer compete for "best".
 * Returns the candidate ids written.
 */
export async function applyPrompts(
  tracePath: string,
  prompts: Record<string, string>,
  options: ApplyPromptsOptions = {},
): Promise<Record<string, string>> {
  const store = new TraceStore(tracePath, options.logger ? { logger: options.logger } : {});
  const timestamp = new Date((options.now ?? Date.now)()).toISOString();
  const ids: Record<string, string> = {};
  const records: TraceDecisionInput[] = [];
  for (const [component, prompt] of Object.entries(prompts)) {
    const id = `${component}-applied-${legacyCandidateId(prompt).slice('legacy-'.length)}`;
    ids[component] = id;
    records.push({
      kind: 'decision',
      decision: 'applied',
      component,
      candidate_id: id,
      parent_id: options.parentIds?.[component] ?? null,
      prompt,
      mean_score: options.score ?? null,
      timestamp,
      ...(options.runId ? { run_id: options.runId } : {}),
      source: options.source ?? 'aime optimize',
    });
  }
  await store.append(...records);
  return ids;
}
