import { mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runEventSchema, workflowReportSchema } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { runCliCaptured } from '../cli-test-support';

/** A config directory whose GEPA trace file lives in a temp directory (tests never touch the repo's traces/). */
function isolatedConfig(): string {
  const directory = mkdtempSync(join(tmpdir(), 'aime-run-config-'));
  writeFileSync(join(directory, 'gepa_config.yaml'), `trace_path: ${join(directory, 'gepa_history.jsonl')}\n`);
  return directory;
}

function run(argv: string[], env: NodeJS.ProcessEnv = {}, signal?: AbortSignal, terminal = false) {
  return runCliCaptured(['--config', isolatedConfig(), ...argv], { env, signal, terminal });
}

function workspace(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-run-')));
  writeFileSync(join(root, 'README.md'), '# Tiny\n\nA tiny project for the run command.\n');
  return root;
}

describe('aime run', () => {
  it('runs a goal with the offline model in --workspace and prints the JSON report', async () => {
    const root = workspace();
    const result = await run(['run', '--workspace', root, 'Read README.md and write a summary to notes/summary.md']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const report = workflowReportSchema.parse(JSON.parse(result.stdout));
    expect(report).toMatchObject({ status: 'completed', model: 'offline' });
    expect(readFileSync(join(root, 'notes/summary.md'), 'utf8')).toContain('A tiny project for the run command.');
  });

  it('shows live progress on stderr in a terminal (colours unless NO_COLOR), stdout stays the JSON report', async () => {
    const root = workspace();
    const result = await run(['run', '--workspace', root, 'Read README.md'], { NO_COLOR: '1' }, undefined, true);
    expect(result.code).toBe(0);
    expect(workflowReportSchema.parse(JSON.parse(result.stdout)).status).toBe('completed');
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toMatch(/^· plan 0: 1 task\(s\) — /);
    expect(lines).toContain('▸ [1] Read README.md (repository analyst)');
    expect(lines.some((line) => /^ {4}read_file \{"path":"README.md"/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith('✓ [1] '))).toBe(true);
    expect(lines.at(-1)).toMatch(/^completed · 1\/1 tasks done · judge pass 1.00 · [\d,]+ tokens · [\d.]+ (ms|s)$/);
    expect(result.stderr).not.toContain('\u001b[');

    const coloured = await run(['run', '--workspace', root, 'Read README.md'], {}, undefined, true);
    expect(coloured.stderr).toContain('\u001b[32m✓\u001b[39m [1]');
    const piped = await run(['run', '--workspace', root, 'Read README.md']);
    expect(piped.stderr).toBe('');
    const quiet = await run(['run', '--quiet', '--workspace', root, 'Read README.md'], {}, undefined, true);
    expect(quiet.stderr).toBe('');
  });

  it('streams events as JSON lines with --events, the report last; the workspace defaults to INIT_CWD', async () => {
    const root = workspace();
    const result = await run(['run', '--events', '--max-parallel', '2', 'Read README.md'], { INIT_CWD: root });
    expect(result.code).toBe(0);
    const lines = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const events = lines.slice(0, -1);
    for (const event of events) expect(runEventSchema.safeParse(event).success).toBe(true);
    expect(events.map((event) => event.seq)).toEqual(events.map((_event, index) => index + 1));
    expect(events[0]).toMatchObject({ type: 'run-start', maxParallelActors: 2 });
    expect(workflowReportSchema.parse(lines.at(-1)).tasks[0]?.summary).toContain('Tiny');
  });

  it('reports usage mistakes in one line with exit code 2', async () => {
    expect(await run(['run'])).toMatchObject({ code: 2 });
    const bad = await run(['run', '--max-iterations', 'zero', 'goal']);
    expect(bad).toMatchObject({
      code: 2,
      stderr: "aime: --max-iterations must be a whole number from 1 to 100 (got 'zero')\n",
    });
    // The API's ranges: what POST /runs refuses, the CLI refuses too.
    expect(await run(['run', '--max-iterations', '101', 'goal'])).toMatchObject({
      code: 2,
      stderr: "aime: --max-iterations must be a whole number from 1 to 100 (got '101')\n",
    });
    expect(await run(['run', '--max-parallel', '17', 'goal'])).toMatchObject({
      code: 2,
      stderr: "aime: --max-parallel must be a whole number from 1 to 16 (got '17')\n",
    });
    const missing = await run(['run', '--workspace', '/no/such/dir/anywhere', 'goal']);
    expect(missing).toMatchObject({ code: 2, stderr: 'aime: workspace /no/such/dir/anywhere does not exist\n' });
  });

  it('exits 130 with a cancelled report when interrupted', async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await run(['run', '--workspace', workspace(), 'Read README.md'], {}, controller.signal);
    expect(result.code).toBe(130);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'cancelled' });
  });
});
