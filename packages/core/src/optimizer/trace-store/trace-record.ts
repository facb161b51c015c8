import { z } from 'zod';
import { formatZodIssues } from '../../errors/format-zod-issues';

/** Python writes `true`/`false` for binary scores; both load as 1/0. */
const scoreSchema = z.union([z.number(), z.boolean()]).transform((value) => Number(value));
/** ISO text (ours) or epoch seconds/milliseconds (older writers). */
const timestampSchema = z.union([z.string(), z.number()]);

/**
 * One task outcome, one JSON line of `gepa_history.jsonl`. The first five fields are the Python
 * reference's (`prompt`, `response`, `score`, `new_prompt`, `observation`); a file it wrote has
 * only those and loads as is. The others are ours.
 */
export const traceExampleSchema = z.looseObject({
  prompt: z.string().default(''),
  response: z.string().default(''),
  score: scoreSchema,
  /** The prompt a reflective mutation produced after this outcome (only when one was produced). */
  new_prompt: z.string().nullable().optional(),
  /** Short summary of what happened (the seed's "observation summary"). */
  observation: z.string().nullable().optional(),
  component: z.string().optional(),
  candidate_id: z.string().optional(),
  parent_id: z.string().nullable().optional(),
  feedback: z.string().optional(),
  timestamp: timestampSchema.optional(),
  run_id: z.string().optional(),
  task_id: z.string().optional(),
  goal: z.string().optional(),
  task_title: z.string().optional(),
  /** Composite metric after this outcome. */
  composite: z.number().optional(),
  /** With `new_prompt`: the new candidate's id and the parent's score it has to match. */
  new_candidate_id: z.string().optional(),
  parent_score: z.number().optional(),
  /** With `new_prompt`: the candidate it rewrote (the current one; older files: `candidate_id`). */
  new_parent_id: z.string().optional(),
  /** What the actor claimed before the judge decided (`complete` / `failed`). */
  claimed_status: z.string().optional(),
  /** The judge's verdict (`pass` / `partial` / `fail`) and its deterministic checks. */
  verdict: z.string().optional(),
  checks: z.array(z.object({ name: z.string(), passed: z.boolean(), detail: z.string() })).optional(),
  /** The task's tool usage: calls per tool, failed calls, model calls (steps). */
  tool_calls: z.record(z.string(), z.number()).optional(),
  tool_errors: z.number().optional(),
  steps: z.number().optional(),
  prompt_tokens: z.number().optional(),
  completion_tokens: z.number().optional(),
  /** Milliseconds spent waiting for the model and running tools. */
  model_ms: z.number().optional(),
  tool_ms: z.number().optional(),
});
export type TraceExample = z.infer<typeof traceExampleSchema>;
export type TraceExampleInput = z.input<typeof traceExampleSchema>;

export const traceDecisionKinds = ['accepted', 'rejected', 'restored', 'applied'] as const;
export type TraceDecisionKind = (typeof traceDecisionKinds)[number];

/**
 * A candidate decision (ours only): a trial kept (`accepted`) or dropped (`rejected`), the best
 * candidate put back (`restored`), or prompts made current by `aime optimize --apply` (`applied`).
 */
export const traceDecisionSchema = z.looseObject({
  kind: z.literal('decision'),
  decision: z.enum(traceDecisionKinds),
  component: z.string(),
  candidate_id: z.string(),
  parent_id: z.string().nullable().optional(),
  prompt: z.string(),
  /** Mean score that decided (the trial's window, or the offline validation score when applied). */
  mean_score: z.number().nullable().optional(),
  parent_score: z.number().nullable().optional(),
  timestamp: timestampSchema.optional(),
  run_id: z.string().optional(),
  /** Who wrote it: `online` or `aime optimize`. */
  source: z.string().optional(),
});
export type TraceDecision = z.infer<typeof traceDecisionSchema>;
export type TraceDecisionInput = z.input<typeof traceDecisionSchema>;

export type TraceRecord = TraceExample | TraceDecision;

export function isTraceDecision(record: TraceRecord): record is TraceDecision {
  return (record as { kind?: unknown }).kind === 'decision';
}

/** Validates one parsed JSON line; undefined when it is neither record kind. */
export function parseTraceRecord(value: unknown): TraceRecord | undefined {
  const checked = checkTraceRecord(value);
  return 'record' in checked ? checked.record : undefined;
}

/** The record, or why the value is none (`score: expected number…`). */
export function checkTraceRecord(value: unknown): { record: TraceRecord } | { reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { reason: 'not a JSON object' };
  const schema = (value as { kind?: unknown }).kind === 'decision' ? traceDecisionSchema : traceExampleSchema;
  const result = schema.safeParse(value);
  return result.success ? { record: result.data } : { reason: formatZodIssues(result.error, '(record)', 3) };
}

/** Epoch milliseconds of a record's timestamp (numbers below 1e12 are taken as seconds). */
export function timestampMs(timestamp: string | number | undefined): number | undefined {
  if (typeof timestamp === 'number') return timestamp < 1e12 ? timestamp * 1000 : timestamp;
  if (typeof timestamp === 'string') {
    const parsed = Date.parse(timestamp);
    return Number.isNaN(parsed) ? undefined : parsed;
  }
  return undefined;
}
