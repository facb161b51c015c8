import { z } from 'zod';
import { formatZodIssues } from '../errors/format-zod-issues';
import type { LanguageModel, ResponseSchema, TokenUsage } from '../llm/types';
import { parseJsonObject } from '../planner/parse-json-object';
import { type JudgementRequest, judgeRequestMetadata, renderJudgementRequest } from './judgement-request';

/** What the judge model must answer (the checks are added by the judge, not the model). */
export const modelVerdictSchema = z.object({
  score: z.number().min(0).max(1),
  verdict: z.enum(['pass', 'partial', 'fail']),
  feedback: z.string().min(1),
});
export type ModelVerdict = z.infer<typeof modelVerdictSchema>;

export const JUDGE_RESPONSE_SCHEMA: ResponseSchema = {
  name: 'aime_verdict',
  schema: z.toJSONSchema(modelVerdictSchema) as Record<string, unknown>,
};

export type ModelJudgement =
  | { ok: true; verdict: ModelVerdict; usage: TokenUsage; ms: number }
  | { ok: false; reason: string; usage?: TokenUsage; ms: number };

export interface ModelJudgementOptions {
  model: LanguageModel;
  systemPrompt: string;
  request: JudgementRequest;
  signal: AbortSignal;
  timeoutMs: number;
  now: () => number;
}

/**
 * One judge call: the judge prompt, the rendered request, `aime_verdict` structured output. Never
 * throws for a model fault, a timeout or an unusable answer (the judge falls back to the checks);
 * cancellation of the run still throws.
 */
export async function askModelJudgement(options: ModelJudgementOptions): Promise<ModelJudgement> {
  const started = options.now();
  const signal = AbortSignal.any([options.signal, AbortSignal.timeout(options.timeoutMs)]);
  let content: string;
  let usage: TokenUsage;
  try {
    const response = await options.model.chat({
      messages: [
        { role: 'system', content: options.systemPrompt },
        { role: 'user', content: renderJudgementRequest(options.request) },
      ],
      responseSchema: JUDGE_RESPONSE_SCHEMA,
      metadata: judgeRequestMetadata(options.request),
      temperature: 0,
      signal,
    });
    content = response.content;
    usage = response.usage;
  } catch (error) {
    options.signal.throwIfAborted();
    const timedOut = signal.aborted;
    const message = timedOut
      ? `no answer within ${options.timeoutMs} ms`
      : error instanceof Error
        ? error.message
        : String(error);
    return { ok: false, reason: `judge model error: ${message}`, ms: options.now() - started };
  }
  const ms = options.now() - started;
  const parsed = parseJsonObject(content);
  if (!parsed) return { ok: false, reason: 'the judge model answered without a JSON object', usage, ms };
  const result = modelVerdictSchema.safeParse(parsed);
  if (!result.success) {
    return { ok: false, reason: `the judge model's verdict is invalid: ${formatZodIssues(result.error)}`, usage, ms };
  }
  return { ok: true, verdict: result.data, usage, ms };
}
