import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, readlink, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAimeResponder } from '../../bench/loop-overhead/aime-responder';
import type { RunEvent } from '../../packages/core/src/protocol/run-events';
import { ScriptedModel } from '../../packages/core/src/testing/scripted-model';
import { listDirTool } from '../../packages/core/src/tools/builtin/list-dir';
import { readFileTool } from '../../packages/core/src/tools/builtin/read-file';
import { searchFilesTool } from '../../packages/core/src/tools/builtin/search-files';
import { writeFileTool } from '../../packages/core/src/tools/builtin/write-file';
import { executeToolCall } from '../../packages/core/src/tools/registry/execute-tool-call';
import type { AnyTool, ToolContext } from '../../packages/core/src/tools/types';
import { AIMEWorkflow } from '../../packages/core/src/workflow/aime-workflow';
import { testConfig } from '../../packages/core/src/workflow/workflow-test-support';
import { buildPathEscapeCorpus } from './support/path-escape-corpus';

const SECRET = `SENTINEL-${randomBytes(8).toString('hex')}`;
const SENTINEL_ONLY_NAME = `only-in-sentinel-${randomBytes(4).toString('hex')}.txt`;
const PAYLOAD = `PWNED-${randomBytes(8).toString('hex')}`;

let base: string;
let workspace: string;
let outsideBefore: Record<string, string>;

/** Every file and symlink under `base` except the workspace, with its content or link target. */
async function snapshotOutside(): Promise<Record<string, string>> {
  const entries: Record<string, string> = {};
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (path === workspace) continue;
      if (entry.isSymbolicLink()) entries[relative(base, path)] = `-> ${await readlink(path)}`;
      else if (entry.isDirectory()) {
        entries[`${relative(base, path)}/`] = 'dir';
        await walk(path);
      } else entries[relative(base, path)] = await readFile(path, 'utf8');
    }
  };
  await walk(base);
  return entries;
}

function context(): ToolContext {
  return { workspaceRoot: workspace, signal: new AbortController().signal, taskId: 't', reportProgress() {} };
}

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'aime-escape-')));
  workspace = join(base, 'workspace');
  await mkdir(join(workspace, 'sub', 'dir'), { recursive: true });
  await mkdir(join(base, 'sentinel'));
  await mkdir(join(base, 'workspace-sibling'));
  await writeFile(join(workspace, 'README.md'), '# inside\n');
  await writeFile(join(base, 'sentinel', 'secret.txt'), `${SECRET}\n`);
  await writeFile(join(base, 'sentinel', SENTINEL_ONLY_NAME), `${SECRET}\n`);
  await writeFile(join(base, 'workspace-sibling', 'x.txt'), `${SECRET}\n`);
  await symlink(join(base, 'sentinel'), join(workspace, 'link-out'));
  await symlink(join(base, 'sentinel', 'secret.txt'), join(workspace, 'link-file'));
  await symlink('/etc', join(workspace, 'link-abs'));
  await symlink('../..', join(workspace, 'sub', 'link-up'));
  await symlink('..', join(workspace, 'link-up'));
  await symlink('chain-b', join(workspace, 'chain-a'));
  await symlink('../sentinel', join(workspace, 'chain-b'));
  await symlink(join(base, 'sentinel', 'missing'), join(workspace, 'dangling'));
  outsideBefore = await snapshotOutside();
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('path-escape corpus through the file tools', () => {
  it('≥ 100 generated paths × read/list/search/write/append: zero escapes, nothing written outside', async () => {
    const corpus = buildPathEscapeCorpus(base);
    expect(corpus.length).toBeGreaterThanOrEqual(100);
    const calls: Array<[AnyTool, Record<string, unknown>]> = [];
    for (const path of corpus) {
      calls.push([readFileTool, { path }]);
      calls.push([listDirTool, { path, depth: 3, includeHidden: true }]);
      calls.push([searchFilesTool, { query: 'SENTINEL', path }]);
      calls.push([writeFileTool, { path, content: PAYLOAD }]);
      calls.push([writeFileTool, { path, content: PAYLOAD, append: true }]);
    }
    const leaks: string[] = [];
    for (const [tool, args] of calls) {
      const outcome = await executeToolCall(tool, JSON.stringify(args), context(), { timeoutMs: 5_000 });
      const leaked = [SECRET, SENTINEL_ONLY_NAME, 'root:x:0:0'].some((marker) => outcome.output.includes(marker));
      if (leaked) {
        leaks.push(`${tool.name} ${JSON.stringify(args).slice(0, 120)} → ${outcome.output.slice(0, 200)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(await snapshotOutside()).toEqual(outsideBefore);
    expect(existsSync('/escaped.txt')).toBe(false);
    // Whatever was written landed inside the workspace (look-alike names are legal file names there).
    const written = JSON.stringify(await snapshotWorkspace());
    expect(written).not.toContain(SECRET);
  });

  it('an actor told to write outside the workspace gets errors back and the sentinel stays untouched', async () => {
    const escapes = ['../sentinel/secret.txt', `${base}/sentinel/new.txt`, 'link-out/secret.txt', 'chain-a/x.txt'];
    const respond = createAimeResponder({
      tasks: 1,
      callsPerTask: escapes.length + 1,
      toolCall: (step) => ({ name: 'write_file', arguments: { path: escapes[step - 1], content: PAYLOAD } }),
    });
    const model = new ScriptedModel({
      fallback: (request) => respond({ messages: request.messages, planner: request.responseSchema !== undefined }),
    });
    const events: RunEvent[] = [];
    const workflow = new AIMEWorkflow({ config: testConfig(), model, workspaceRoot: workspace });
    await workflow.run('Write the files', { onEvent: (event) => void events.push(event) });
    const results = events.filter((event) => event.type === 'tool-result');
    expect(results).toHaveLength(escapes.length);
    for (const result of results) expect(result.type === 'tool-result' && result.ok).toBe(false);
    expect(await snapshotOutside()).toEqual(outsideBefore);
  });
});

async function snapshotWorkspace(): Promise<string[]> {
  const files: string[] = [];
  const walk = async (directory: string): Promise<void> => {
    for (const entry of await readdir(directory, { withFileTypes: true })) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(`${relative(workspace, path)}: ${await readFile(path, 'utf8')}`);
    }
  };
  await walk(workspace);
  return files;
}
