import { describeTaskStats } from '../../judge/task-stats';
import type { TokenUsage } from '../../llm/types';
import {
  buildReflectionPrompt,
  defaultReflectionPromptTemplate,
  extractFencedText,
} from '../gepa/instruction-proposal';
import { askReflectionModel } from '../gepa/propose-texts';
import type { ReflectionModel, ReflectiveRecord } from '../gepa/types';
import { clipText } from './clip-text';
import type { OutcomeDetails, WindowEntry } from './online-outcome';

/**
 * The engine's instruction-proposal prompt plus one rule for AIME's prompt templates: the
 * {{placeholders}} must survive (the actor factory fills them in).
 */
export const AIME_REFLECTION_PROMPT_TEMPLATE = `${defaultReflectionPromptTemplate}

Keep every {{placeholder}} of the current instructions exactly as written: the system fills them in.`;

const MAX_FIELD_CHARS = 2000;

/** The failing outcomes shown to the reflection model: under the current candidate first, newest last. */
export function failingEntries(window: readonly WindowEntry[], currentId: string, count: number): WindowEntry[] {
  const failing = window.filter((entry) => entry.score < 1);
  const underCurrent = failing.filter((entry) => entry.candidateId === currentId);
  const chosen = underCurrent.length > 0 ? underCurrent : failing;
  return chosen.slice(-count);
}

/**
 * Window entries as the engine's reflective records: {Inputs, "Generated Outputs", Feedback}, plus
 * "Trace" (the judge's verdict, the actor's claim, tool calls per tool, errors, steps, tokens and
 * time) when the outcome has them, so a proposal can react to "3 read_file errors" or "20 steps".
 */
export function toReflectiveRecords(entries: readonly WindowEntry[]): ReflectiveRecord[] {
  return entries.map((entry) => {
    const record: ReflectiveRecord = {
      Inputs: {
        Goal: clip(entry.goal || '(unknown goal)'),
        Task: clip(entry.taskTitle || entry.taskId || '(unknown)'),
      },
      'Generated Outputs': clip(entry.response || '(no output)'),
      Feedback: clip(entry.feedback || (entry.score >= 1 ? 'The task succeeded.' : 'The task failed.')),
    };
    const trace = describeDetails(entry.details);
    if (trace) record.Trace = trace;
    return record;
  });
}

function describeDetails(details: OutcomeDetails | undefined): string | undefined {
  if (!details) return undefined;
  const parts: string[] = [];
  if (details.verdict) parts.push(`Judge verdict: ${details.verdict}`);
  if (details.claimedStatus) parts.push(`the actor claimed: ${details.claimedStatus}`);
  const failed = (details.checks ?? []).filter((check) => !check.passed);
  if (failed.length > 0)
    parts.push(`failed checks: ${failed.map((check) => `${check.name} (${check.detail})`).join('; ')}`);
  if (details.stats) parts.push(describeTaskStats(details.stats));
  return parts.length > 0 ? clip(parts.join('. ')) : undefined;
}

/** `{{name}}` placeholders of a prompt template. */
export function templatePlaceholders(text: string): Set<string> {
  return new Set([...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] as string));
}

export type ProposalResult =
  | { ok: true; text: string; usage?: TokenUsage; ms: number }
  | { ok: false; reason: string; usage?: TokenUsage; ms: number };

/**
 * Asks the reflection model for a new prompt. Rejected (never adopted): an answer without a closed
 * ``` block or empty (the engine's extractor), one cut off by the token limit, one equal to the
 * current text, one that drops a {{placeholder}} of the current text; and a model error.
 */
export async function proposePrompt(options: {
  model: ReflectionModel;
  /** The prompt component being evolved (request metadata for in-process models). */
  component: string;
  currentText: string;
  records: readonly ReflectiveRecord[];
  template?: string;
  signal?: AbortSignal;
  now?: () => number;
}): Promise<ProposalResult> {
  const now = options.now ?? Date.now;
  const started = now();
  const prompt = buildReflectionPrompt(
    options.currentText,
    options.records,
    options.template ?? AIME_REFLECTION_PROMPT_TEMPLATE,
  );
  let answer: Awaited<ReturnType<typeof askReflectionModel>>;
  try {
    answer = await askReflectionModel(options.model, prompt, options.signal, {
      component: options.component,
      currentText: options.currentText,
      examples: [...options.records],
    });
  } catch (error) {
    options.signal?.throwIfAborted();
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, reason: `reflection model error: ${message}`, ms: now() - started };
  }
  const ms = now() - started;
  const withUsage = answer.usage ? { usage: answer.usage } : {};
  if (answer.truncated) return { ok: false, reason: 'the answer hit the token limit', ms, ...withUsage };
  const text = extractFencedText(answer.text);
  if (text === undefined) return { ok: false, reason: 'no closed ``` block with text in the answer', ms, ...withUsage };
  if (text === options.currentText.trim())
    return { ok: false, reason: 'the proposal equals the current prompt', ms, ...withUsage };
  const kept = templatePlaceholders(text);
  const lost = [...templatePlaceholders(options.currentText)].filter((name) => !kept.has(name));
  if (lost.length > 0) {
    return {
      ok: false,
      reason: `the proposal drops placeholders: ${lost.map((name) => `{{${name}}}`).join(', ')}`,
      ms,
      ...withUsage,
    };
  }
  return { ok: true, text, ms, ...withUsage };
}

function clip(text: string): string {
  return clipText(text, MAX_FIELD_CHARS);
}
