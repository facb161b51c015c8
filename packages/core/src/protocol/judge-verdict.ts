import { z } from 'zod';

/** One deterministic check of a judge verdict (a cited reference exists, a required file was written …). */
export const judgeCheckSchema = z.object({
  name: z.string(),
  passed: z.boolean(),
  detail: z.string(),
});
export type JudgeCheck = z.infer<typeof judgeCheckSchema>;

/**
 * The judge's verdict on a task result or a run's final answer: the score GEPA records and the
 * feedback it learns from (what is missing or wrong, concretely).
 */
export const judgeVerdictSchema = z.object({
  score: z.number().min(0).max(1),
  verdict: z.enum(['pass', 'partial', 'fail']),
  feedback: z.string(),
  checks: z.array(judgeCheckSchema),
});
export type JudgeVerdict = z.infer<typeof judgeVerdictSchema>;

/** The verdict as a task or report carries it (the checks travel in the judge-verdict event). */
export const verdictSummarySchema = judgeVerdictSchema.omit({ checks: true });
export type VerdictSummary = z.infer<typeof verdictSummarySchema>;
