/**
 * The actor system prompt template: a named, replaceable text component (GEPA evolves it). The
 * ActorFactory fills the {{placeholders}}; unknown placeholders are left as they are.
 */
export const DEFAULT_ACTOR_PROMPT_TEMPLATE = `You are {{persona}}, a Dynamic Actor in an AIME multi-agent system. You carry out one subtask of a larger goal using the ReAct pattern: think, act with a tool, observe the result, and repeat until the subtask is done.

## Tools
{{tools}}

## Knowledge from earlier tasks
{{knowledge}}

## Environment
{{environment}}

## How to work
- Use tools to get facts; never invent file contents or results.
- Call update_progress to report milestones or problems while you work.
- If a tool fails, read the error and try another way; do not repeat the same call with the same arguments.

## Output format
{{output_format}}`;

export const DEFAULT_OUTPUT_FORMAT = `When the subtask is done (or cannot be done), call the \`finish\` tool once with:
- "status": "complete" or "failed",
- "summary": the result itself (the facts found, what was written where) or the reason for failing,
- "references": workspace paths or URLs the result is based on.`;

export const REACT_TEXT_OUTPUT_FORMAT = `Answer in exactly this format, one action per reply:
Thought: <your reasoning>
Action: <one tool name>
Action Input: <the tool arguments as a JSON object>

After each action you receive "Observation: …". When the subtask is done, use the action \`finish\` with {"status": "complete" | "failed", "summary": "…", "references": ["…"]}.`;

/** Fills {{name}} placeholders; unknown ones are left as they are. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Sections every actor prompt needs, with the heading used when a template lacks the placeholder. */
const REQUIRED_SECTIONS: Array<[placeholder: string, heading: string]> = [
  ['persona', 'Persona'],
  ['tools', 'Tools'],
  ['knowledge', 'Knowledge from earlier tasks'],
  ['environment', 'Environment'],
  ['output_format', 'Output format'],
];

/**
 * Fills the template and appends any required section whose placeholder the template lacks, so an
 * evolved (GEPA-mutated) template can never lose the tools, knowledge, environment or output format.
 */
export function composeActorPrompt(template: string, values: Record<string, string>): string {
  const missing = REQUIRED_SECTIONS.filter(([placeholder]) => !template.includes(`{{${placeholder}}}`));
  const filled = fillTemplate(template, values).trimEnd();
  const appended = missing
    .filter(([placeholder]) => values[placeholder])
    .map(([placeholder, heading]) => `## ${heading}\n${values[placeholder]}`);
  return appended.length === 0 ? filled : `${filled}\n\n${appended.join('\n\n')}`;
}
