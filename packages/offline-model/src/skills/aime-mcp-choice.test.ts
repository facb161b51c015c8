import { describe, expect, it } from 'vitest';
import { chooseMCPTool, mcpArguments, mcpBundlesFor } from './aime-mcp-choice';

const TOOLS = [
  'read_file',
  'list_dir',
  'everything__echo',
  'everything__get-sum',
  'everything__trigger-long-running-operation',
  'fs__read_text_file',
];

describe('chooseMCPTool', () => {
  it('picks the tool the title names in full', () => {
    expect(chooseMCPTool('Call fs__read_text_file on notes.md', TOOLS)).toBe('fs__read_text_file');
  });

  it('picks a tool by the bundle name and words of the tool name', () => {
    expect(chooseMCPTool("Echo 'hi' with the everything server", TOOLS)).toBe('everything__echo');
    expect(chooseMCPTool('Sum 2 and 3 with the everything server', TOOLS)).toBe('everything__get-sum');
    expect(chooseMCPTool('Run the long running operation of everything', TOOLS)).toBe(
      'everything__trigger-long-running-operation',
    );
  });

  it('picks nothing when the bundle is not named or no tool word fits', () => {
    expect(chooseMCPTool("Echo 'hi' back", TOOLS)).toBeUndefined();
    expect(chooseMCPTool('Read README.md', TOOLS)).toBeUndefined();
    expect(chooseMCPTool('Ask the everything server something', TOOLS)).toBeUndefined();
    expect(chooseMCPTool('Echo hi with everything', ['read_file'])).toBeUndefined();
  });
});

describe('mcpBundlesFor', () => {
  it('assigns the MCP bundles whose tools the task names', () => {
    const state = {
      bundles: { default: ['read_file'], everything: ['everything__echo'], fs: ['fs__read_text_file'] },
      mcpBundles: ['everything', 'fs'],
    };
    expect(mcpBundlesFor("Echo 'x' with the everything server", state)).toEqual(['everything']);
    expect(mcpBundlesFor('Summarise README.md', state)).toEqual([]);
    expect(mcpBundlesFor('Echo with everything', { bundles: state.bundles })).toEqual([]);
  });
});

describe('mcpArguments', () => {
  it('fills required strings from quoted text and numbers in order', () => {
    const echo = { type: 'object', properties: { message: { type: 'string' } }, required: ['message'] };
    expect(mcpArguments("Echo 'hello there' with everything", echo)).toEqual({ message: 'hello there' });
    const sum = {
      type: 'object',
      properties: { a: { type: 'number' }, b: { type: 'number' } },
      required: ['a', 'b'],
    };
    expect(mcpArguments('Sum 2 and 3.5 with the everything server', sum)).toEqual({ a: 2, b: 3.5 });
  });

  it('takes values the title names, optional or not, and leaves other optional ones out', () => {
    const longRun = {
      type: 'object',
      properties: {
        duration: { type: 'number', default: 10 },
        steps: { type: 'number', default: 5 },
        label: { type: 'string' },
      },
    };
    expect(mcpArguments('Run the long operation of everything with duration 1.5 and steps=3', longRun)).toEqual({
      duration: 1.5,
      steps: 3,
    });
  });

  it('uses paths for path-like names, enum values the title names, and the title as a last resort', () => {
    const schema = {
      type: 'object',
      properties: {
        path: { type: 'string' },
        mode: { type: 'string', enum: ['fast', 'thorough'] },
        note: { type: 'string' },
      },
      required: ['path', 'mode', 'note'],
    };
    expect(mcpArguments('Check docs/guide.md with fs, thorough', schema)).toEqual({
      path: 'docs/guide.md',
      mode: 'thorough',
      note: 'Check docs/guide.md with fs, thorough',
    });
  });
});
