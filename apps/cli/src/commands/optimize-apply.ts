import { applyPrompts } from '@gepa-aime/core';

export interface ApplyImprovementInput {
  tracePath: string;
  /** Whether GEPA found a candidate better than the seed (the prompts in use). */
  improved: boolean;
  bestCandidate: Record<string, string>;
  bestScore: number;
  /** The candidate ids in use now, recorded as the applied prompts' parents. */
  parentIds: Record<string, string>;
}

export interface AppliedPrompts {
  tracePath: string;
  candidateIds: Record<string, string>;
}

/**
 * `aime optimize --apply`: the best candidate becomes the next warm start — only when it beat the
 * seed. Without an improvement nothing is written (null): the seed is what runs use already.
 */
export async function applyImprovement(input: ApplyImprovementInput): Promise<AppliedPrompts | null> {
  if (!input.improved) return null;
  const candidateIds = await applyPrompts(input.tracePath, input.bestCandidate, {
    score: input.bestScore,
    parentIds: input.parentIds,
    source: 'aime optimize',
  });
  return { tracePath: input.tracePath, candidateIds };
}
