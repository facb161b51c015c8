import { SeededRandom } from '@gepa-aime/core';
import { skillByName } from './task-suite';

export interface ReflectionBehaviour {
  /** Probability a new rule is written vaguely (no skill name, so it does nothing). */
  vagueRate: number;
  /** Probability the answer is cut off before its closing fence. */
  truncationRate: number;
  /** New rules written per proposal (the most-reported missing skills first). */
  rulesPerProposal: number;
}

export const defaultBehaviour: ReflectionBehaviour = { vagueRate: 0.2, truncationRate: 0.05, rulesPerProposal: 2 };

/**
 * A simulated reflection model. It reads the current instruction (the first fenced block of the
 * prompt) and the feedback records, and writes the instruction back with rules for the most
 * reported missing skills put first — so older rules can fall past the student's capacity. It is
 * imperfect: some rules come out vague, and some answers are truncated (no closing fence).
 */
export function createReflection(seed: number, behaviour: ReflectionBehaviour = defaultBehaviour) {
  const random = new SeededRandom(seed);
  return async (prompt: string): Promise<string> => {
    const current = /```\n([\s\S]*?)\n```/.exec(prompt)?.[1] ?? '';
    const counts = new Map<string, number>();
    for (const match of prompt.matchAll(/Missing skill: ([\w-]+)/g)) {
      const name = match[1] as string;
      if (skillByName.has(name)) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    const ranked = random
      .shuffle([...counts.keys()])
      .sort((left, right) => (counts.get(right) ?? 0) - (counts.get(left) ?? 0));
    const newRules = ranked.slice(0, behaviour.rulesPerProposal).map((name) => {
      if (random.next() < behaviour.vagueRate) return '- Be more careful with this kind of task.';
      return `- ${skillByName.get(name)?.rule ?? ''} (${name}).`;
    });
    const [heading = '', ...rest] = current.split('\n');
    const rewritten = [heading, ...newRules, ...rest].join('\n');
    if (random.next() < behaviour.truncationRate)
      return `Here is the improved instruction:\n\`\`\`\n${rewritten.slice(0, 40)}`;
    return `Here is the improved instruction:\n\`\`\`\n${rewritten}\n\`\`\``;
  };
}
