import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AnyTool, RunEvent } from '@gepa-aime/core';
import {
  AIMEWorkflow,
  executeToolCall,
  findFilesTool,
  listDirTool,
  readFileTool,
  searchFilesTool,
  writeFileTool,
} from '@gepa-aime/core';
import { ScriptedModel, testConfig } from '@gepa-aime/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAIMEResponder, isJudgeRequest } from '../../bench/loop-overhead/aime-responder';
import { createEscapeFixture, type EscapeFixture } from './support/escape-canaries';
import { buildPathEscapeCorpus, systemPathProbes } from './support/path-escape-corpus';

const PAYLOAD = `PWNED-${randomBytes(8).toString('hex')}`;

let fixture: EscapeFixture;
let outsideBefore: Record<string, string>;

beforeEach(async () => {
  fixture = await createEscapeFixture();
  outsideBefore = await fixture.snapshotOutside();
});
afterEach(() => fixture.cleanup());

const run = (tool: AnyTool, args: Record<string, unknown>) =>
  executeToolCall(tool, JSON.stringify(args), fixture.context(), { timeoutMs: 5_000 });

describe('path-escape corpus through the file tools (every target is a canary in a temp dir)', () => {
  it('≥ 200 generated paths × read/list/search/find/write/append: zero escapes, no canary changed', async () => {
    const corpus = buildPathEscapeCorpus(fixture);
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    const leaks: string[] = [];
    for (const path of corpus) {
      const calls: Array<[AnyTool, Record<string, unknown>]> = [
        [readFileTool, { path }],
        [listDirTool, { path, depth: 3, includeHidden: true }],
        [searchFilesTool, { query: 'SENTINEL', path }],
        [findFilesTool, { path }],
        [writeFileTool, { path, content: PAYLOAD }],
        [writeFileTool, { path, content: PAYLOAD, append: true }],
      ];
      for (const [tool, args] of calls) {
        const outcome = await run(tool, args);
        if ([fixture.secret, fixture.sentinelOnlyName].some((marker) => outcome.output.includes(marker))) {
          leaks.push(`${tool.name} ${JSON.stringify(args).slice(0, 120)} → ${outcome.output.slice(0, 200)}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    expect(await fixture.snapshotOutside()).toEqual(outsideBefore);
    // Whatever was written landed inside the workspace (look-alike names are legal file names there).
    expect(JSON.stringify(await fixture.snapshotWorkspace())).not.toContain(fixture.secret);
  });

  it('climbing, absolute and symlinked writes to each canary are refused by the sandbox', async () => {
    const attempts = [
      '../sentinel/secret.txt',
      '../escaped.txt',
      `${fixture.base}/sentinel/new-file.txt`,
      `${fixture.far}/secret.txt`,
      'link-out/secret.txt',
      'link-abs/new-file.txt',
      'link-far/new-file.txt',
      'chain-a/secret.txt',
      'link-up/escaped.txt',
      'dangling',
      'link-file',
    ];
    for (const path of attempts) {
      const outcome = await run(writeFileTool, { path, content: PAYLOAD });
      expect(outcome.ok, path).toBe(false);
      expect(outcome.errorCode, path).toMatch(/^(path_outside_workspace|symlink_write|symlink_dangling)$/);
    }
    expect(await fixture.snapshotOutside()).toEqual(outsideBefore);
  });
});

describe('system paths are only ever read, and nothing is read from them', () => {
  it('read_file, list_dir, search_files and find_files on /etc, /proc and a symlink to /etc are refused without output', async () => {
    const passwd = readFileSync('/etc/passwd');
    const passwdHash = createHash('sha256').update(passwd).digest('hex');
    const passwdFirstLine = passwd.toString('utf8').split('\n')[0] as string;
    expect(passwdFirstLine.length).toBeGreaterThan(5);
    const environmentMarker = `AIME_ESCAPE_MARKER=${randomBytes(6).toString('hex')}`;
    const [markerName, markerValue] = environmentMarker.split('=') as [string, string];
    process.env[markerName] = markerValue;
    try {
      for (const probe of systemPathProbes(passwdFirstLine, environmentMarker)) {
        for (const [tool, args] of [
          [readFileTool, { path: probe.path }],
          [listDirTool, { path: probe.path, depth: 1 }],
          [searchFilesTool, { query: 'root', path: probe.path }],
          [findFilesTool, { path: probe.path }],
        ] as Array<[AnyTool, Record<string, unknown>]>) {
          const outcome = await run(tool, args);
          expect(outcome.ok, `${tool.name} ${probe.path}`).toBe(false);
          expect(outcome.errorCode, `${tool.name} ${probe.path}`).toMatch(/^path_outside_workspace$/);
          expect(outcome.output, `${tool.name} ${probe.path}`).not.toContain(probe.readMarker);
        }
      }
    } finally {
      delete process.env[markerName];
    }
    expect(createHash('sha256').update(readFileSync('/etc/passwd')).digest('hex')).toBe(passwdHash);
  });
});

describe('an actor told to write outside the workspace', () => {
  it('gets errors back and every canary stays untouched', async () => {
    const escapes = [
      '../sentinel/secret.txt',
      `${fixture.base}/sentinel/new.txt`,
      `${fixture.far}/new.txt`,
      'link-out/secret.txt',
      'chain-a/x.txt',
    ];
    const respond = createAIMEResponder({
      tasks: 1,
      callsPerTask: escapes.length + 1,
      toolCall: (step) => ({ name: 'write_file', arguments: { path: escapes[step - 1], content: PAYLOAD } }),
    });
    const model = new ScriptedModel({
      fallback: (request) =>
        respond({
          messages: request.messages,
          planner: request.responseSchema !== undefined,
          judge: isJudgeRequest(request),
        }),
    });
    const events: RunEvent[] = [];
    const workflow = new AIMEWorkflow({ config: testConfig(), model, workspaceRoot: fixture.workspace });
    await workflow.run('Write the files', { onEvent: (event) => void events.push(event) });
    const results = events.filter((event) => event.type === 'tool-result');
    expect(results).toHaveLength(escapes.length);
    for (const result of results) expect(result.type === 'tool-result' && result.ok).toBe(false);
    expect(await fixture.snapshotOutside()).toEqual(outsideBefore);
  });
});
