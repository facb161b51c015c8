import { SeededRandom } from '@gepa-aime/core';
import { PROMPT_RULES } from './prompt-rules';

const LESSONS_HEADING = 'Lessons from earlier runs:';
const VAGUE_RULE = 'Work through the task step by step.';

export interface ReflectionStats {
  calls: number;
  truncated: number;
  vague: number;
  dropped: number;
}

/**
 * A simulated reflection model (a `prompt → text` function): it reads the current instruction and
 * the feedback from GEPA's reflection prompt, finds the failure the feedback names most often whose
 * rule the instruction lacks, and appends that rule under "Lessons from earlier runs:". Imperfect on
 * purpose: 10% of answers are cut off before the closing fence, 20% add a vague rule instead, 15%
 * rewrite the lessons and drop the oldest one (a good rule lost: rollback matters).
 */
export function createSimulatedReflection(seed: number): {
  reflect: (prompt: string) => Promise<string>;
  stats: ReflectionStats;
} {
  const random = new SeededRandom(seed * 104_729 + 17);
  const stats: ReflectionStats = { calls: 0, truncated: 0, vague: 0, dropped: 0 };
  const reflect = async (prompt: string): Promise<string> => {
    stats.calls += 1;
    const blocks = prompt.split('```');
    const current = (blocks[1] ?? '').replace(/^\n/, '').replace(/\n$/, '');
    const feedback = blocks[3] ?? '';
    const component = current.includes('Dynamic Planner') ? 'planner' : 'actor';
    const candidates = PROMPT_RULES.filter((rule) => rule.component === component && !rule.marker.test(current))
      .map((rule) => ({ rule, mentions: feedback.split(rule.symptom).length - 1 }))
      .filter((entry) => entry.mentions > 0)
      .sort((left, right) => right.mentions - left.mentions);
    const roll = random.next();
    if (roll < 0.1) {
      stats.truncated += 1;
      return `\`\`\`\n${current}\n\n${LESSONS_HEADING}\n- Before answer`;
    }
    const chosen = candidates[0]?.rule;
    const vague = !chosen || roll < 0.3;
    if (vague) stats.vague += 1;
    let lessons = lessonLines(current);
    const base = current.split(`\n\n${LESSONS_HEADING}`)[0] ?? current;
    if (!vague && roll < 0.45 && lessons.length > 0) {
      stats.dropped += 1;
      lessons = lessons.slice(1);
    }
    const added = vague ? VAGUE_RULE : (chosen?.text ?? VAGUE_RULE);
    if (!lessons.includes(added)) lessons.push(added);
    return `\`\`\`\n${base}\n\n${LESSONS_HEADING}\n${lessons.map((line) => `- ${line}`).join('\n')}\n\`\`\``;
  };
  return { reflect, stats };
}

function lessonLines(text: string): string[] {
  const section = text.split(`\n\n${LESSONS_HEADING}\n`)[1];
  if (!section) return [];
  return section
    .split('\n')
    .filter((line) => line.startsWith('- '))
    .map((line) => line.slice(2));
}
