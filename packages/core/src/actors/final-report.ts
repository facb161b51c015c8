import { formatZodIssues } from '../errors/format-zod-issues';
import { parseJsonObject } from '../planner/parse-json-object';
import { type ActorReportInput, actorReportSchema } from './actor-report';
import { parseArguments } from './tool-arguments';

/** A `finish` call's arguments as a report, or the observation telling the model what to fix. */
export function parseFinishCall(rawArguments: string): { report: ActorReportInput } | { error: string } {
  const parsed = actorReportSchema.safeParse(parseArguments(rawArguments));
  if (parsed.success) return { report: parsed.data };
  const problem = formatZodIssues(parsed.error, '');
  return { error: `Error: invalid finish report (${problem}). Call finish again with status, summary and references.` };
}

/**
 * An answer without a tool call: a JSON report, or plain text (after `Final Answer:`, without a
 * leading `Thought:`) taken as a completed summary. Undefined when nothing is left.
 */
export function parseFinalMessage(content: string): ActorReportInput | undefined {
  const json = parseJsonObject(content);
  const parsed = json ? actorReportSchema.safeParse(json) : undefined;
  if (parsed?.success) return parsed.data;
  const finalAnswer = /Final Answer\s*:\s*([\s\S]*)$/i.exec(content)?.[1];
  const text = (finalAnswer ?? content.replace(/^\s*Thought\s*:\s*/i, '')).trim();
  return text ? { status: 'complete', summary: text, references: [] } : undefined;
}
