import { describe, expect, it } from 'vitest';
import {
  buildReflectionPrompt,
  extractFencedText,
  renderRecords,
  validatePromptTemplate,
} from './instruction-proposal';

describe('extractFencedText', () => {
  it('takes the text between the first and the last fence', () => {
    expect(extractFencedText('Here it is:\n```\nBe brief.\nCite sources.\n```\nDone.')).toBe(
      'Be brief.\nCite sources.',
    );
  });

  it('strips a language tag from the opening fence', () => {
    expect(extractFencedText('```markdown\n# Rules\nBe brief.\n```')).toBe('# Rules\nBe brief.');
    expect(extractFencedText('```text  \nBe brief.\n```')).toBe('Be brief.');
  });

  it('keeps nested fences inside the outer block', () => {
    const answer = '```\nAnswer with code:\n```python\nprint(1)\n```\nThen explain.\n```';
    expect(extractFencedText(answer)).toBe('Answer with code:\n```python\nprint(1)\n```\nThen explain.');
  });

  it('rejects an answer without a closing fence (truncated)', () => {
    expect(extractFencedText('```\nBe brief and')).toBeUndefined();
    expect(extractFencedText('No fences at all')).toBeUndefined();
  });

  it('rejects an answer whose last fence opens a block (truncated inside a nested block)', () => {
    expect(extractFencedText('```\nAnswer with code:\n```python\nprint(1)')).toBeUndefined();
    expect(extractFencedText('```\nAnswer with code:\n```python')).toBeUndefined();
  });

  it('rejects an empty block', () => {
    expect(extractFencedText('```\n\n```')).toBeUndefined();
    expect(extractFencedText('``````')).toBeUndefined();
  });

  it('accepts a single-line block', () => {
    expect(extractFencedText('```Be brief.```')).toBe('Be brief.');
  });
});

describe('reflection prompt', () => {
  const records = [
    { Inputs: { question: 'What is 2+2?' }, 'Generated Outputs': '5', Feedback: 'Wrong: expected 4.' },
    { Inputs: 'Name a prime', 'Generated Outputs': ['9', '7'], Feedback: 'The first guess was not prime.' },
  ];

  it('renders records as markdown sections', () => {
    expect(renderRecords(records)).toBe(
      '# Example 1\n## Inputs\n### question\nWhat is 2+2?\n\n## Generated Outputs\n5\n\n## Feedback\nWrong: expected 4.\n\n' +
        '\n\n# Example 2\n## Inputs\nName a prime\n\n## Generated Outputs\n### Item 1\n9\n\n### Item 2\n7\n\n' +
        '## Feedback\nThe first guess was not prime.\n\n',
    );
  });

  it('shows the current instruction and the records, and asks for a fenced answer', () => {
    const prompt = buildReflectionPrompt('Answer math questions. Use $ signs.', records);
    expect(prompt).toContain('```\nAnswer math questions. Use $ signs.\n```');
    expect(prompt).toContain('## Feedback\nWrong: expected 4.');
    expect(prompt).toMatch(/inside a ``` block\.$/);
  });

  it('validates custom templates', () => {
    expect(() => validatePromptTemplate('only <curr_param>')).toThrow(/<side_info>/);
    expect(buildReflectionPrompt('X', [], 'Now: <curr_param> | <side_info>|')).toBe('Now: X | |');
  });
});
