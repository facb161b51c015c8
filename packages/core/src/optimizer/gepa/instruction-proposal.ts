import type { ReflectiveRecord } from './types';

/** The default reflection prompt; `<curr_param>` and `<side_info>` are replaced. */
export const defaultReflectionPromptTemplate = `I gave an assistant the following instructions to perform a task:
\`\`\`
<curr_param>
\`\`\`

Below are task inputs the assistant received, what it produced for each, and feedback on how its response could have been better:
\`\`\`
<side_info>
\`\`\`

Write a new instruction for the assistant.

Read the inputs carefully: work out the input format and describe the task in detail.

Read every response and its feedback. Put all the specific, domain-related facts you find into the instruction, because the assistant will not see these examples again. If the assistant used a strategy that generalises, describe it in the instruction too.

Write the new instruction inside a \`\`\` block.`;

export function validatePromptTemplate(template: string): void {
  for (const placeholder of ['<curr_param>', '<side_info>']) {
    if (!template.includes(placeholder)) throw new RangeError(`The reflection prompt template lacks ${placeholder}`);
  }
}

function renderValue(value: unknown, level: number): string {
  const heading = '#'.repeat(Math.min(level, 6));
  if (Array.isArray(value)) {
    if (value.length === 0) return '\n';
    return value.map((item, index) => `${heading} Item ${index + 1}\n${renderValue(item, level + 1)}`).join('');
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '\n';
    return entries.map(([key, item]) => `${heading} ${key}\n${renderValue(item, level + 1)}`).join('');
  }
  return `${String(value).trim()}\n\n`;
}

/** Renders reflective records as markdown: `# Example n`, `## <field>`, nested headings below. */
export function renderRecords(records: readonly ReflectiveRecord[]): string {
  return records
    .map((record, index) => {
      const fields = Object.entries(record).map(([key, value]) => `## ${key}\n${renderValue(value, 3)}`);
      return `# Example ${index + 1}\n${fields.join('')}`;
    })
    .join('\n\n');
}

export function buildReflectionPrompt(
  currentText: string,
  records: readonly ReflectiveRecord[],
  template = defaultReflectionPromptTemplate,
): string {
  return template.replace('<curr_param>', () => currentText).replace('<side_info>', () => renderRecords(records));
}

const fence = '```';

/**
 * The new instruction from a reflection model's answer: the text between the first opening fence
 * and the last closing fence, without a language tag on the opening line. Returns undefined (the
 * proposal is rejected) when there is no closing fence — including when the last fence opens a
 * block (it carries a language tag), i.e. the answer was truncated — or the text is empty.
 */
export function extractFencedText(answer: string): string | undefined {
  const start = answer.indexOf(fence);
  const end = answer.lastIndexOf(fence);
  if (start < 0 || end <= start) return undefined;
  const afterLastFence = answer.slice(end + fence.length);
  if (/^[^\s`]+[ \t]*(\n|$)/.test(afterLastFence)) return undefined;
  let content = answer.slice(start + fence.length, end);
  const languageLine = /^[^\s`]*[ \t]*\n/.exec(content);
  if (languageLine) content = content.slice(languageLine[0].length);
  const text = content.trim();
  return text.length > 0 ? text : undefined;
}
