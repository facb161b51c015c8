import { AIME_REFLECTION_PROMPT_TEMPLATE, buildReflectionPrompt, extractFencedText } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { OfflineModel } from '../offline-model';

const model = new OfflineModel();

async function reflect(current: string, feedback: string[], template?: string): Promise<string | undefined> {
  const records = feedback.map((text, index) => ({
    Inputs: { Goal: `goal ${index}` },
    'Generated Outputs': `output ${index}`,
    Feedback: text,
  }));
  const response = await model.chat({
    messages: [{ role: 'user', content: buildReflectionPrompt(current, records, template) }],
    metadata: { role: 'reflection', component: 'actor', currentText: current, examples: records },
  });
  return extractFencedText(response.content);
}

describe('offline reflection skill', () => {
  it('answers a reflection request with the original plus rules for the named failures', async () => {
    const text = await reflect('Answer the question.', [
      "Task [1] failed: ENOENT: no such file or directory, open 'data/input.csv'",
      'Goal failed: expected file "reports/out.md" to exist; the answer does not contain "42"',
    ]);
    expect(text?.startsWith('Answer the question.\n\nLessons from earlier runs:\n')).toBe(true);
    expect(text).toContain('list its directory first');
    expect(text).toContain('such as reports/out.md, create it with write_file');
    expect(text).toContain('The final answer must mention "42"');
  });

  it("keeps {{placeholders}} under online GEPA's template, and quotes failures no rule covers", async () => {
    const text = await reflect(
      'You are {{persona}}.\n{{tools}}',
      ['Task [3] failed: the API answered with a quota message'],
      AIME_REFLECTION_PROMPT_TEMPLATE,
    );
    expect(text).toContain('You are {{persona}}.\n{{tools}}');
    expect(text).toContain('Avoid this earlier failure: "Task [3] failed: the API answered with a quota message"');
  });

  it('deduplicates against the lessons already there, and returns the text unchanged when nothing is new', async () => {
    const once = await reflect('Plan.', ['Task failed: timed out after 30 s']);
    const twice = await reflect(once ?? '', ['Task failed: timed out after 30 s', 'Task failed: timeout again']);
    expect(twice).toBe(once);
    expect(once?.match(/time limit/g)).toHaveLength(1);
    const more = await reflect(once ?? '', ['Run stalled: no progress for 3 iterations']);
    expect(more?.split('\n').filter((line) => line.startsWith('- '))).toHaveLength(2);
  });

  it('ignores success feedback and leaves other chat to the other skills', async () => {
    expect(await reflect('Plan.', ['Task [1] completed in 2 step(s): wrote the summary.'])).toBe('Plan.');
    const chat = await model.chat({ messages: [{ role: 'user', content: 'hello' }] });
    expect(chat.content).toContain('offline model');
    // The reflection prompt's wording alone, without the metadata, is ordinary chat.
    const unmarked = await model.chat({
      messages: [{ role: 'user', content: buildReflectionPrompt('Plan.', [], undefined) }],
    });
    expect(unmarked.content).not.toContain('Offline reflection');
  });
});
