import { mkdir, mkdtemp, readFile, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { isInside } from '../tools/workspace/resolve-in-workspace';
import type { AIMEGoal } from './aime-goal';

export interface GoalWorkspace {
  root: string;
  /** Removes a temporary workspace; a configured one is left alone. */
  cleanup(): Promise<void>;
}

/**
 * The workspace one goal runs in: a fresh temporary directory with the goal's `files` (the
 * default), or `fixedRoot` when the caller configured one (its files are written there too).
 */
export async function createGoalWorkspace(goal: AIMEGoal, fixedRoot?: string): Promise<GoalWorkspace> {
  const root = fixedRoot ? resolve(fixedRoot) : await realpath(await mkdtemp(join(tmpdir(), 'aime-optimize-')));
  for (const [path, content] of Object.entries(goal.files)) {
    const target = inside(root, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content, 'utf8');
  }
  return {
    root,
    cleanup: fixedRoot ? async () => undefined : () => rm(root, { recursive: true, force: true }),
  };
}

/** One expectation and whether it held. */
export interface GoalCheck {
  kind: 'file' | 'file-contains' | 'answer-contains';
  passed: boolean;
  /** Phrased so feedback can quote it: `expected file "x" to exist`, `answer does not contain "y"` … */
  detail: string;
}

/** Checks a goal's expectations against the workspace and the final answer. */
export async function checkExpectations(root: string, goal: AIMEGoal, finalAnswer: string): Promise<GoalCheck[]> {
  const checks: GoalCheck[] = [];
  for (const path of goal.expect.files) {
    const exists = await stat(inside(root, path)).then(
      (info) => info.isFile() || info.isDirectory(),
      () => false,
    );
    checks.push({
      kind: 'file',
      passed: exists,
      detail: exists ? `file "${path}" exists` : `expected file "${path}" to exist`,
    });
  }
  for (const { path, text } of goal.expect.fileContains) {
    const content = await readFile(inside(root, path), 'utf8').catch(() => undefined);
    const passed = content?.toLowerCase().includes(text.toLowerCase()) ?? false;
    checks.push({
      kind: 'file-contains',
      passed,
      detail: passed
        ? `"${path}" contains "${text}"`
        : content === undefined
          ? `expected file "${path}" to exist; expected "${path}" to contain "${text}"`
          : `expected "${path}" to contain "${text}"`,
    });
  }
  const answer = finalAnswer.toLowerCase();
  for (const text of goal.expect.answerContains) {
    const passed = answer.includes(text.toLowerCase());
    checks.push({
      kind: 'answer-contains',
      passed,
      detail: passed ? `answer contains "${text}"` : `answer does not contain "${text}"`,
    });
  }
  return checks;
}

function inside(root: string, path: string): string {
  const target = resolve(root, path);
  if (!isInside(root, target)) throw new RangeError(`${path}: outside the workspace`);
  return target;
}
