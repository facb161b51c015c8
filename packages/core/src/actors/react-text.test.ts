import { describe, expect, it } from 'vitest';
import { parseReactText } from './react-text';

describe('parseReactText', () => {
  it('reads thought, action and JSON input, ignoring a hallucinated observation', () => {
    expect(
      parseReactText(
        'Thought: list it\nAction: list_dir\nAction Input: {"path": "."}\nObservation: made up\nThought: more',
      ),
    ).toEqual({ thought: 'list it', action: 'list_dir', input: '{"path": "."}' });
  });

  it('accepts backticked action names and fenced input, and defaults empty input to {}', () => {
    expect(parseReactText('Thought: t\nAction: `read_file`\nAction Input:\n```json\n{"path":"a"}\n```')).toEqual({
      thought: 't',
      action: 'read_file',
      input: '{"path":"a"}',
    });
    expect(parseReactText('Thought: t\nAction: finish').input).toBe('{}');
  });

  it('returns no action for a plain answer', () => {
    expect(parseReactText('Just an answer.')).toEqual({ thought: 'Just an answer.', input: '' });
  });
});
