/**
 * The failure modes of the simulated model and the prompt rule that prevents each one. The model
 * obeys a rule when its system prompt contains the rule's `marker` (a real model reads its prompt;
 * this one reads only these phrases). `probability` is how often the failure happens without the
 * rule; any prompt asking for care ("careful", "double-check", "thorough") lowers every one by 15%.
 */
export interface PromptRule {
  id: 'read-first' | 'cite' | 'verify-write' | 'verify-task';
  component: 'actor' | 'planner';
  probability: number;
  /** The rule as the judge's feedback and a good reflection phrase it. */
  text: string;
  marker: RegExp;
  /** What in the judge's feedback points at this failure (the reflection model looks for it). */
  symptom: RegExp;
}

export const PROMPT_RULES: readonly PromptRule[] = [
  {
    id: 'read-first',
    component: 'actor',
    probability: 0.45,
    text: 'Before answering, read the file the task names with read_file; never answer from memory.',
    marker: /read the file the task names/i,
    symptom: /read nothing|read the file the task names/i,
  },
  {
    id: 'cite',
    component: 'actor',
    probability: 0.35,
    text: 'List every file you read in the finish references.',
    marker: /every file you read in the finish references/i,
    symptom: /cites no references|every file you read in the finish references/i,
  },
  {
    id: 'verify-write',
    component: 'actor',
    probability: 0.55,
    text: 'After write_file, read the written file back and fix it before finishing.',
    marker: /read the written file back/i,
    symptom: /Summary' heading|read the written file back/i,
  },
  {
    id: 'verify-task',
    component: 'planner',
    probability: 0.5,
    text: 'For counting goals, add a final task that re-counts and verifies the result.',
    marker: /re-counts and verifies/i,
    symptom: /count is wrong|re-counts and verifies/i,
  },
];

const CAREFUL = /careful|double-check|thorough/i;

/** The chance the failure happens under this system prompt. */
export function failureChance(rule: PromptRule, systemPrompt: string): number {
  if (rule.marker.test(systemPrompt)) return 0;
  return CAREFUL.test(systemPrompt) ? rule.probability * 0.85 : rule.probability;
}

export function ruleById(id: PromptRule['id']): PromptRule {
  return PROMPT_RULES.find((rule) => rule.id === id) as PromptRule;
}
