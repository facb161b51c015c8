import { describe, expect, it } from 'vitest';
import { splitThinkBlock, ThinkBlockSplitter } from './think-blocks';

const whole = (text: string, bareCloseTag = true) => splitThinkBlock(text, { bareCloseTag });

/** Streams `text` in pieces of `size` characters and joins what the splitter released. */
function streamed(text: string, size: number, bareCloseTag = true) {
  const splitter = new ThinkBlockSplitter(bareCloseTag);
  let reasoning = '';
  let content = '';
  for (let start = 0; start < text.length; start += size) {
    const released = splitter.push(text.slice(start, start + size));
    reasoning += released.reasoning;
    content += released.content;
  }
  const rest = splitter.finish();
  return { reasoning: reasoning + rest.reasoning, content: content + rest.content };
}

const samples = [
  '<think>\nI add 2 and 2.\n</think>\n\nThe answer is 4.',
  '  <THINK>upper case</Think>answer',
  '< think >spaced tags< / think >\n answer',
  'reasoning only closed at the end\n</think>\n\nanswer',
  '<think>never closed, ends with a partial tag </thi',
  '<think>\n</think>\n\n',
  'plain answer, no tags at all\n',
  '   \n',
  '',
  'Use <think>inline</think> tags like this',
  'a < b and c <thin ice> d',
  'x </thinking> y',
  '<think>a</think>b</think>c',
];

describe('splitThinkBlock', () => {
  it('splits a leading think block, tolerating case and whitespace', () => {
    expect(whole('\n <think>\n  two plus two \n</think>\n\nFour.')).toEqual({
      reasoning: 'two plus two',
      content: 'Four.',
    });
    expect(whole('<Think >a</THINK >b')).toEqual({ reasoning: 'a', content: 'b' });
  });

  it('treats everything before a bare </think> as reasoning, only when allowed', () => {
    expect(whole('step one\nstep two\n</think>\n\n{"ok": true}')).toEqual({
      reasoning: 'step one\nstep two',
      content: '{"ok": true}',
    });
    const text = 'step one</think>answer';
    expect(whole(text, false)).toEqual({ reasoning: '', content: text });
  });

  it('makes an unclosed think block all reasoning', () => {
    expect(whole('<think>\nstill thinking when the tokens ran out ')).toEqual({
      reasoning: 'still thinking when the tokens ran out',
      content: '',
    });
  });

  it('returns text without a think block unchanged, byte for byte', () => {
    for (const text of ['  Hello <b>world</b>\n\n', 'Use <think>inline</think> tags', 'x </thinking> y', '']) {
      const split = whole(text);
      expect(split.reasoning).toBe('');
      expect(split.content).toBe(text);
    }
  });

  it('only splits the first block', () => {
    expect(whole('<think>a</think>b</think>c')).toEqual({ reasoning: 'a', content: 'b</think>c' });
  });
});

describe('ThinkBlockSplitter', () => {
  it('releases, over any chunking, exactly the whole-text split', () => {
    for (const text of samples) {
      for (const bareCloseTag of [true, false]) {
        for (let size = 1; size <= Math.max(1, text.length); size++) {
          expect(streamed(text, size, bareCloseTag), `${JSON.stringify(text)} in pieces of ${size}`).toEqual(
            whole(text, bareCloseTag),
          );
        }
      }
    }
  });

  it('releases reasoning while the block is open and holds back a split tag', () => {
    const splitter = new ThinkBlockSplitter(true);
    expect(splitter.push('<thi')).toEqual({ reasoning: '', content: '' });
    expect(splitter.push('nk>Let me see')).toEqual({ reasoning: 'Let me see', content: '' });
    expect(splitter.push(' more </th')).toEqual({ reasoning: ' more', content: '' });
    expect(splitter.push('ink>\n\nDone')).toEqual({ reasoning: '', content: 'Done' });
    expect(splitter.push(' now.')).toEqual({ reasoning: '', content: ' now.' });
    expect(splitter.finish()).toEqual({ reasoning: '', content: '' });
  });

  it('holds back text without tags until a </think> or the end shows what it was', () => {
    const splitter = new ThinkBlockSplitter(true);
    expect(splitter.push('Hello')).toEqual({ reasoning: '', content: '' });
    expect(splitter.finish()).toEqual({ reasoning: '', content: 'Hello' });
    const passthrough = new ThinkBlockSplitter(false);
    expect(passthrough.push('Hello')).toEqual({ reasoning: '', content: 'Hello' });
  });
});
