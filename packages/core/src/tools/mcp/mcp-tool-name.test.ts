import { describe, expect, it } from 'vitest';
import { TOOL_NAME_PATTERN } from '../registry/tool-registry';
import { bundleOfToolName, mcpToolName } from './mcp-tool-name';

describe('mcpToolName', () => {
  it('prefixes the bundle with a double underscore', () => {
    expect(mcpToolName('git', 'status', new Set())).toBe('git__status');
    expect(bundleOfToolName('git__status')).toBe('git');
    expect(bundleOfToolName('read_file')).toBeUndefined();
  });

  it('cleans characters the function-calling rule refuses, with a hash so cleaned names cannot collide', () => {
    const dotted = mcpToolName('fs', 'read.file', new Set());
    const slashed = mcpToolName('fs', 'read/file', new Set([dotted]));
    expect(dotted).toMatch(/^fs__read_file_[0-9a-f]{8}$/);
    expect(slashed).toMatch(/^fs__read_file_[0-9a-f]{8}$/);
    expect(dotted).not.toBe(slashed);
    expect(dotted).toMatch(TOOL_NAME_PATTERN);
  });

  it('keeps long names within 64 characters and distinct', () => {
    const long = 'x'.repeat(80);
    const first = mcpToolName('bundle', `${long}a`, new Set());
    const second = mcpToolName('bundle', `${long}b`, new Set([first]));
    expect(first.length).toBeLessThanOrEqual(64);
    expect(first).toMatch(TOOL_NAME_PATTERN);
    expect(first).not.toBe(second);
  });

  it('gives a name already taken a hash suffix', () => {
    expect(mcpToolName('git', 'status', new Set(['git__status']))).toMatch(/^git__status_[0-9a-f]{8}$/);
  });
});
