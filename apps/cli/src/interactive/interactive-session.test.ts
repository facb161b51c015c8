import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { AIMEWorkflow, type LanguageModel, loadConfig } from '@gepa-aime/core';
import { ScriptedModel } from '@gepa-aime/core/testing';
import { OfflineModel } from '@gepa-aime/offline-model';
import { afterEach, describe, expect, it } from 'vitest';
import { runInteractiveSession } from './interactive-session';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function session(model: LanguageModel, terminal = false, approval: 'off' | 'risky' = 'off') {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-interactive-')));
  const configDirectory = mkdtempSync(join(tmpdir(), 'aime-config-'));
  directories.push(root, configDirectory);
  writeFileSync(join(root, 'README.md'), '# Session\n\nA project used by the interactive test.\n');
  const config = loadConfig({ directory: configDirectory, env: {} });
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString('utf8');
  });
  const controller = new AbortController();
  const done = runInteractiveSession({
    input,
    output,
    terminal,
    model,
    workflow: new AIMEWorkflow({
      config,
      model,
      workspaceRoot: root,
      approval: { mode: approval, timeoutSeconds: 60 },
    }),
    signal: controller.signal,
  });
  return { input, done, controller, root, text: () => text };
}

async function waitFor(predicate: () => boolean): Promise<void> {
  for (let attempt = 0; attempt < 200 && !predicate(); attempt++)
    await new Promise((resolve) => setTimeout(resolve, 10));
  expect(predicate()).toBe(true);
}

describe('interactive session', () => {
  it('chats, runs /goal and prints the answer as text with a summary, /report prints the JSON, /quit leaves', async () => {
    const { input, done, text } = session(new OfflineModel());
    input.write('hello\n');
    input.write('/report\n');
    input.write('/goal Read README.md\n');
    await waitFor(() => text().includes('/report prints the full report'));
    const afterGoal = text();
    expect(afterGoal).not.toContain('"status": "completed"');
    expect(afterGoal).toMatch(/\ncompleted · 1\/1 tasks done · judge pass 1.00 · [\d,]+ tokens · [\d.]+ (ms|s)\n/);
    expect(afterGoal).not.toContain('\u001b[');
    input.write('/report\n');
    input.write('/unknown\n');
    input.write('/quit\n');
    expect(await done).toBe(0);
    expect(text()).toContain("Hello! I'm the offline model");
    expect(text()).toContain('No goal has run yet');
    expect(text()).toContain('▸ [1] Read README.md');
    expect(text()).toContain('"status": "completed"');
    expect(text()).toContain('A project used by the interactive test.');
    expect(text()).toContain('Unknown command /unknown');
    expect(text()).toMatch(/Bye\.\n$/);
  });

  it('keeps the conversation between chat lines and leaves on /exit', async () => {
    const model = new ScriptedModel(['first answer', 'second answer']);
    const { input, done } = session(model);
    input.write('one\ntwo\n/exit\n');
    await done;
    expect(model.requests[1]?.messages).toEqual([
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'first answer' },
      { role: 'user', content: 'two' },
    ]);
  });

  it('Ctrl-C cancels a running goal without leaving; at the idle prompt it leaves', async () => {
    const model = new ScriptedModel({ fallback: 'never used', latencyMs: 10_000 });
    const { input, done, text } = session(model, true);
    input.write('/goal Wait for a very slow model\r');
    await waitFor(() => model.requests.length > 0);
    input.write('\x03');
    await waitFor(() => text().includes('cancelled · 0/'));
    input.write('\x03');
    expect(await done).toBe(0);
    expect(text()).toContain('cancelling');
    expect(text()).toContain('Bye.');
  });

  it('asks y/n at its own prompt for a call that needs approval; the answer is not taken for a command', async () => {
    const { input, done, root, text } = session(new OfflineModel(), false, 'risky');
    input.write("/goal Write 'first' to approved.txt\n");
    await waitFor(() => text().includes('Run write_file? [y/N] '));
    expect(text()).toContain('Approval needed (task 1): write_file — ');
    input.write('y\n');
    await waitFor(() => text().includes('/report prints the full report'));
    expect(readFileSync(join(root, 'approved.txt'), 'utf8')).toBe('first\n');

    input.write("/goal Write 'second' to denied.txt\n");
    // The denial fails the task; the planner's contingency task asks again: deny every question.
    const questions = () => (text().match(/Run write_file\? \[y\/N\] /g) ?? []).length;
    const finished = () => (text().match(/\/report prints the full report/g) ?? []).length === 2;
    for (let answered = 1; answered < 6 && !finished(); answered++) {
      await waitFor(() => questions() > answered || finished());
      if (!finished()) input.write('n not this one\n');
    }
    await waitFor(finished);
    input.write('/quit\n');
    expect(await done).toBe(0);
    expect(existsSync(join(root, 'denied.txt'))).toBe(false);
    expect(text()).toContain('write_file was denied by the operator: not this one');
    expect(text()).toMatch(/\nfailed · 0\/\d+ tasks done/);
    expect(text()).not.toContain('Unknown command');
  });
});
