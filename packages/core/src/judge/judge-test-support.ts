import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createTemporaryWorkspace, type TemporaryWorkspace } from '../testing/temporary-workspace';
import type { CheckInput } from './checks/check-input';
import type { TaskJudgementInput } from './judge';
import { emptyEvidence, type TaskEvidence, type ToolCallEvidence } from './task-evidence';

/** Evidence of one task with the given tool calls (ok unless said otherwise). */
export function evidenceWith(...calls: Array<Partial<ToolCallEvidence> & { tool: string }>): TaskEvidence {
  const evidence = emptyEvidence('1');
  evidence.steps = calls.length + 1;
  evidence.toolCalls = calls.map((call) => ({ args: {}, ok: true, output: '', ms: 1, ...call }));
  return evidence;
}

/** A check input for `request` answered by `answer` in the workspace `root`. */
export function checkInput(
  root: string,
  request: string,
  answer: string,
  overrides: Partial<CheckInput> = {},
): CheckInput {
  return { workspaceRoot: root, request, answer, references: [], evidence: [emptyEvidence('1')], ...overrides };
}

export async function writeWorkspaceFile(root: string, path: string, content: string): Promise<void> {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
}

/** A temporary workspace holding a Demo README.md for each test (created before, removed after): read `.current`. */
export function useDemoWorkspace(): { readonly current: TemporaryWorkspace } {
  const holder: { current: TemporaryWorkspace } = { current: undefined as unknown as TemporaryWorkspace };
  beforeEach(async () => {
    holder.current = await createTemporaryWorkspace();
    await writeWorkspaceFile(holder.current.root, 'README.md', '# Demo\n\nA demo project.\n');
  });
  afterEach(() => holder.current.cleanup());
  return holder;
}

/** A task that read the demo README and summarised it, judged in `root` (fields overridable). */
export function demoTaskInput(root: string, overrides: Partial<TaskJudgementInput> = {}): TaskJudgementInput {
  return {
    goal: 'Summarise README.md',
    task: { id: '1', title: 'Summarise README.md', completionCriteria: 'the summary names the project' },
    report: { status: 'complete', summary: 'README.md describes Demo, a demo project.', references: ['README.md'] },
    evidence: evidenceWith({ tool: 'read_file', args: { path: 'README.md' }, output: '# Demo\n\nA demo project.' }),
    workspaceRoot: root,
    signal: new AbortController().signal,
    onUsage: () => undefined,
    ...overrides,
  };
}
