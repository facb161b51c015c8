import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { listDirTool } from '../builtin/list-dir';
import { updateProgressTool } from '../builtin/update-progress';
import { writeFileTool } from '../builtin/write-file';
import type { AnyTool } from '../types';
import { approvalReason } from './approval-policy';

const mcpTool = (annotations: AnyTool['annotations'], approval?: 'never' | 'always'): AnyTool => ({
  name: 'git__push',
  description: 'push',
  parameters: z.object({}),
  source: { kind: 'mcp', bundle: 'git', tool: 'push' },
  annotations,
  ...(approval ? { approval } : {}),
  execute: async () => ({ output: '' }),
});

const cases: Array<[string, AnyTool, 'off' | 'risky' | 'all', boolean]> = [
  ['write_file, off', writeFileTool, 'off', false],
  ['write_file, risky', writeFileTool, 'risky', true],
  ['list_dir, risky', listDirTool, 'risky', false],
  ['list_dir, all', listDirTool, 'all', true],
  ['update_progress, all', updateProgressTool, 'all', false],
  ['write_file with "never", risky', { ...writeFileTool, approval: 'never' }, 'risky', false],
  ['list_dir with "always", risky', { ...listDirTool, approval: 'always' }, 'risky', true],
  ['list_dir with "always", off', { ...listDirTool, approval: 'always' }, 'off', false],
  ['list_dir with "never", all', { ...listDirTool, approval: 'never' }, 'all', false],
  ['MCP destructive, risky', mcpTool({ destructive: true }), 'risky', true],
  ['MCP open-world, risky', mcpTool({ openWorld: true }), 'risky', true],
  ['MCP read-only, risky', mcpTool({ readOnly: true, destructive: false, openWorld: false }), 'risky', false],
  ['MCP destructive with "never", risky', mcpTool({ destructive: true }, 'never'), 'risky', false],
  ['MCP read-only, all', mcpTool({ readOnly: true }), 'all', true],
];

describe('approvalReason (policy matrix)', () => {
  it.each(cases)('%s → asks: %s', (_label, tool, mode, asks) => {
    expect(approvalReason(tool, mode) !== undefined).toBe(asks);
  });
});
