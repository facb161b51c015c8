import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEvent } from '../../protocol/run-events';
import { agentHandler, fakeServerWorkflow, finishCall } from '../../testing/agent-script';
import { type FakeOpenAIServer, startFakeOpenAIServer } from '../../testing/fake-server/server';
import { expectValidEventLog, tempWorkspace } from '../../testing/workflow-fixtures';

let server: FakeOpenAIServer;
beforeEach(async () => {
  server = await startFakeOpenAIServer();
});
afterEach(() => server.close());

describe('tool sandbox through the actor', () => {
  it('rejects every escape attempt with a clear observation and writes nothing outside the workspace', async () => {
    const outside = realpathSync(mkdtempSync(join(tmpdir(), 'aime-outside-')));
    writeFileSync(join(outside, 'secret.txt'), 'TOP SECRET');
    const parent = realpathSync(mkdtempSync(join(tmpdir(), 'aime-parent-')));
    const root = join(parent, 'workspace');
    mkdirSync(root);
    writeFileSync(join(root, 'README.md'), '# Inside\n');
    symlinkSync(outside, join(root, 'link-dir'));
    symlinkSync(join(outside, 'secret.txt'), join(root, 'link-file'));
    mkdirSync(join(root, '.git'));
    const before = readdirSync(outside).sort();
    const parentBefore = readdirSync(parent).sort();

    const attempts: Array<[string, Record<string, unknown>, RegExp]> = [
      ['read_file', { path: '../outside.txt' }, /outside the workspace/i],
      ['read_file', { path: join(outside, 'secret.txt') }, /outside the workspace/i],
      ['read_file', { path: '/etc/passwd' }, /outside the workspace/i],
      ['write_file', { path: '../escape.txt', content: 'x' }, /outside the workspace/i],
      ['write_file', { path: join(outside, 'abs.txt'), content: 'x' }, /outside the workspace/i],
      ['write_file', { path: 'sub/../../escape2.txt', content: 'x' }, /outside the workspace/i],
      ['write_file', { path: 'link-dir/planted.txt', content: 'x' }, /symbolic link .*outside the workspace/i],
      ['read_file', { path: 'link-file' }, /symbolic link .*outside the workspace/i],
      ['write_file', { path: 'link-file', content: 'overwrite' }, /symbolic link/i],
      ['write_file', { path: 'evil\u0000.txt', content: 'x' }, /NUL byte/i],
      ['list_dir', { path: '..' }, /outside the workspace/i],
      ['search_files', { query: 'SECRET', path: '../' }, /outside the workspace/i],
      ['read_file', { path: '%2e%2e/outside.txt' }, /percent-encoded/i],
      ['write_file', { path: '.git/config', content: 'x' }, /\.git/],
      ['write_file', { path: '', content: 'x' }, /empty/i],
      ['list_dir', { path: 'link-dir' }, /symbolic link .*outside the workspace/i],
    ];
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'Try to escape' }], next: ['1'] },
          { done: true, finalAnswer: 'All escapes were refused.' },
        ],
        actors: {
          '1': [
            { toolCalls: attempts.map(([name, args]) => ({ name, arguments: args })) },
            finishCall('Every attempt was refused.', 'failed'),
          ],
        },
      }),
    );
    const { workflow, events, onEvent } = fakeServerWorkflow(server, root);
    await workflow.run('Try to escape the workspace', { onEvent });
    expectValidEventLog(events);
    const results = events.filter(
      (event): event is Extract<RunEvent, { type: 'tool-result' }> => event.type === 'tool-result',
    );
    expect(results).toHaveLength(attempts.length);
    for (const [index, [name, args, pattern]] of attempts.entries()) {
      const result = results[index];
      expect(result?.tool, `${name} ${JSON.stringify(args)}`).toBe(name);
      expect(result?.ok, `${name} ${JSON.stringify(args)} should be refused`).toBe(false);
      expect(result?.error, `${name} ${JSON.stringify(args)}`).toMatch(pattern);
      expect(result?.output).not.toContain('TOP SECRET');
    }
    const steps = events.filter(
      (event): event is Extract<RunEvent, { type: 'actor-step' }> => event.type === 'actor-step',
    );
    expect(steps.filter((step) => step.observation?.startsWith('Error: '))).toHaveLength(attempts.length);
    expect(readdirSync(outside).sort()).toEqual(before);
    expect(readdirSync(parent).sort()).toEqual(parentBefore);
    expect(readFileSync(join(outside, 'secret.txt'), 'utf8')).toBe('TOP SECRET');
    expect(existsSync(join(root, '.git', 'config'))).toBe(false);
    expect(readdirSync(root).sort()).toEqual(['.git', 'README.md', 'link-dir', 'link-file']);
  });

  it('still lets the actor work normally inside the workspace', async () => {
    const root = tempWorkspace();
    server.setHandler(
      agentHandler({
        planner: [
          { tasks: [{ id: '1', title: 'Write inside' }], next: ['1'] },
          { done: true, finalAnswer: 'ok' },
        ],
        actors: {
          '1': [
            { toolCalls: [{ name: 'write_file', arguments: { path: 'out/inside.txt', content: 'fine' } }] },
            finishCall('Wrote out/inside.txt'),
          ],
        },
      }),
    );
    const { workflow, onEvent } = fakeServerWorkflow(server, root);
    const report = await workflow.run('Write inside', { onEvent });
    expect(report.status).toBe('completed');
    expect(readFileSync(join(root, 'out/inside.txt'), 'utf8')).toBe('fine');
  });
});
