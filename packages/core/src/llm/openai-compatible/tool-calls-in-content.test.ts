import { describe, expect, it } from 'vitest';
import { extractToolCallsFromContent, ToolCallTagFilter } from './tool-calls-in-content';

describe('extractToolCallsFromContent', () => {
  it('recovers several calls, string or object arguments, and an unclosed final block', () => {
    const result = extractToolCallsFromContent(
      'Plan.<tool_call>{"name":"a","arguments":{"x":1}}</tool_call> and ' +
        '<tool_call>\n```json\n{"name":"b","arguments":"{\\"y\\":2}"}\n```\n</tool_call>' +
        '<tool_call>{"name":"c","parameters":{"z":3}}',
    );
    expect(result.content).toBe('Plan. and');
    expect(result.toolCalls).toEqual([
      { name: 'a', arguments: '{"x":1}' },
      { name: 'b', arguments: '{"y":2}' },
      { name: 'c', arguments: '{"z":3}' },
    ]);
  });

  it('leaves content alone when a block is not a valid call', () => {
    const content = 'Use <tool_call>not json</tool_call> like this';
    expect(extractToolCallsFromContent(content)).toEqual({ content, toolCalls: [] });
  });
});

describe('ToolCallTagFilter', () => {
  it('hides tool_call blocks even when tags are split across pieces', () => {
    const filter = new ToolCallTagFilter();
    const pieces = ['Hello <to', 'ol_ca', 'll>{"name":', '"a"}</tool', '_call> bye <', 'b>'];
    const visible = pieces.map((piece) => filter.push(piece)).join('') + filter.flush();
    expect(visible).toBe('Hello  bye <b>');
  });
});
