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

function run(argv: string[], env: NodeJS.ProcessEnv = {}, signal?: AbortSignal) {
  return runCliCaptured(['--config', isolatedConfig(), ...argv], { env, signal });
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
    expect(bad).toMatchObject({ code: 2, stderr: "aime: --max-iterations must be a positive integer (got 'zero')\n" });
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
