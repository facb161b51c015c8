import type { OfflineSkill } from '../offline-skill';

const LESSONS_HEADING = 'Lessons from earlier runs:';
const MAX_LESSONS = 12;
const FENCE = '```';

interface LessonRule {
  pattern: RegExp;
  lesson: (match: RegExpMatchArray) => string;
}

/** Failure patterns in feedback → a concrete rule that addresses them. Specific facts first. */
const RULES: LessonRule[] = [
  {
    pattern: /expected (?:the )?file "([^"]+)" to exist/i,
    lesson: (match) =>
      `When the goal names an output file such as ${match[1]}, create it with write_file and confirm it exists before finishing.`,
  },
  {
    pattern: /(?:final )?answer (?:does not|did not) (?:contain|mention) "([^"]+)"/i,
    lesson: (match) => `The final answer must mention "${match[1]}" when the goal asks about it.`,
  },
  {
    pattern: /expected "([^"]+)" to contain "([^"]+)"/i,
    lesson: (match) => `Write "${match[2]}" into ${match[1]} when the goal asks for it.`,
  },
  {
    pattern: /ENOENT|no such file|not found|does not exist|missing file/i,
    lesson: () =>
      'Check that a path exists (list its directory first) before reading it; when a file is missing, say so in the result instead of retrying the same path.',
  },
  {
    pattern: /outside (?:of )?the workspace|escapes? the workspace|permission denied|EACCES/i,
    lesson: () => 'Use only relative paths inside the workspace; never touch files outside it.',
  },
  {
    pattern: /timed? ?out|timeout/i,
    lesson: () =>
      'Keep every tool call small and fast (read specific files, narrow searches) so it finishes within the time limit.',
  },
  {
    pattern: /\bloop(?:ing|ed)?\b|repeated|same (?:call|arguments)|identical call/i,
    lesson: () =>
      'Never repeat an identical tool call; when a call did not help, change its arguments or use another tool.',
  },
  {
    pattern: /stall(?:ed)?|no progress/i,
    lesson: () => 'When a task makes no progress, split it into smaller tasks or finish with what is already known.',
  },
  {
    pattern: /step limit|max(?:imum)? (?:steps|iterations)|limit reached/i,
    lesson: () =>
      'Plan the few tool calls a task needs, then call finish with what you found before the step limit is reached.',
  },
  {
    pattern: /invalid (?:json|plan)|does not match the schema|schema violation/i,
    lesson: () => 'Answer with JSON that matches the schema exactly, with no text around it.',
  },
];

/**
 * The offline model as GEPA's reflection model (recognised by the request metadata's role). It
 * reads the feedback of the failing examples the metadata carries, turns each named failure into a
 * concrete rule, and answers with the current instruction — kept word for word — plus a
 * deduplicated "Lessons from earlier runs" list, inside a ``` block. Deterministic; an answer equal
 * to the current text means it found nothing new to add.
 */
export const aimeReflectionSkill: OfflineSkill = {
  name: 'aime-reflection',
  handles: (request) => request.metadata?.role === 'reflection',
  respond(request) {
    const intent = request.metadata;
    if (intent?.role !== 'reflection')
      throw new TypeError('not a reflection request (metadata.role is not "reflection")');
    const feedback = intent.examples.flatMap((example) => feedbackText(example.Feedback));
    const lessons = lessonsFrom(feedback);
    const rewritten = addLessons(intent.currentText.trim(), lessons);
    const added = rewritten.added;
    const note =
      added > 0
        ? `Offline reflection (rule-based): added ${added} rule${added === 1 ? '' : 's'} from ${feedback.length} feedback item${feedback.length === 1 ? '' : 's'}.`
        : 'Offline reflection (rule-based): the feedback names nothing the instruction does not already cover.';
    return { content: `${note}\n\n${FENCE}\n${rewritten.text}\n${FENCE}` };
  },
};

/** An example's feedback as text (records usually hold a string; anything else is rendered as JSON). */
function feedbackText(value: unknown): string[] {
  if (value === undefined || value === null) return [];
  const text = (typeof value === 'string' ? value : JSON.stringify(value)).trim();
  return text ? [text] : [];
}

function lessonsFrom(feedback: readonly string[]): string[] {
  const lessons: string[] = [];
  for (const text of feedback) {
    if (!/\bfail|error|missing|not |expected|stall|loop|limit|timed? ?out|denied|wrong|incorrect/i.test(text)) continue;
    let matched = false;
    for (const rule of RULES) {
      const match = text.match(rule.pattern);
      if (!match) continue;
      lessons.push(rule.lesson(match));
      matched = true;
    }
    if (!matched) {
      const quoted = text.replace(/\s+/g, ' ').slice(0, 140).trim();
      lessons.push(
        `Avoid this earlier failure: "${quoted}" — read the error, then try a different tool, path or input instead of repeating the attempt.`,
      );
    }
  }
  return lessons;
}

/** Keeps the instruction as written and merges the lessons into its lessons list, without duplicates. */
function addLessons(instruction: string, lessons: readonly string[]): { text: string; added: number } {
  const headingIndex = instruction.indexOf(LESSONS_HEADING);
  const base = (headingIndex >= 0 ? instruction.slice(0, headingIndex) : instruction).trimEnd();
  const existing =
    headingIndex >= 0
      ? instruction
          .slice(headingIndex + LESSONS_HEADING.length)
          .split('\n')
          .map((line) => line.replace(/^\s*-\s*/, '').trim())
          .filter((line) => line.length > 0)
      : [];
  const merged = [...existing];
  let added = 0;
  for (const lesson of lessons) {
    if (merged.includes(lesson)) continue;
    merged.push(lesson);
    added += 1;
  }
  if (added === 0) return { text: instruction.trim(), added };
  const kept = merged.slice(-MAX_LESSONS);
  return { text: `${base}\n\n${LESSONS_HEADING}\n${kept.map((lesson) => `- ${lesson}`).join('\n')}`, added };
}
