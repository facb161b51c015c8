import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { applyPrompts, createAIMERuntime } from '@gepa-aime/core';
import { describe, expect, it } from 'vitest';
import { capture, runCliCaptured } from '../cli-test-support';
import { REPO_ROOT } from '../paths';
import { OptimizeProgress } from './optimize-progress';

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  return runCliCaptured(argv, { env });
}

/** A temp project: config dir (offline model, trace file inside the project) and a goals file. */
function project() {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'aime-optimize-')));
  const config = join(root, 'config');
  mkdirSync(config);
  const tracePath = join(root, 'traces', 'gepa_history.jsonl');
  writeFileSync(
    join(config, 'gepa_config.yaml'),
    `trace_path: ${tracePath}\nrun_dir: ${join(root, 'traces', 'gepa')}\nreflection_minibatch_size: 2\n`,
  );
  writeFileSync(
    join(root, 'goals.json'),
    JSON.stringify({
      goals: [
        {
          id: 'summary',
          goal: 'Read README.md and write a summary to notes/summary.md',
          files: { 'README.md': '# Tiny\n\nA tiny project.\n' },
          expect: { files: ['notes/summary.md'], answerContains: ['tiny project'] },
        },
        {
          id: 'missing',
          goal: 'Read CHANGELOG.md and summarise the latest release',
          files: { 'README.md': '# Tiny\n' },
          expect: { answerContains: ['version'] },
        },
      ],
    }),
  );
  return { root, config, tracePath };
}

describe('aime optimize', () => {
  it('runs GEPA over the goals on the offline model within the budget, with progress and a JSON summary', async () => {
    const { root, config } = project();
    const result = await run(
      ['optimize', '--goals', 'goals.json', '--budget', '8', '--run-dir', 'run', '--config', config],
      {
        INIT_CWD: root,
      },
    );
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      runDir: join(root, 'run'),
      model: 'offline',
      stopReason: 'max-metric-calls',
      budget: 8,
      seed: 0,
      bestIndex: 0,
      improved: false,
      applied: null,
    });
    // Iteration 1: the minibatch holds the failing goal → the offline reflection rewrites the planner
    // prompt; the rewrite is not strictly better (the offline model ignores prompts) → rejected.
    // Iteration 2 rewrites the actor (round-robin), but evaluating it would exceed the budget.
    expect(summary.proposals).toEqual({ proposed: 2, accepted: 0, rejected: 1, skipped: 0 });
    expect(summary.metricCalls).toBeLessThanOrEqual(8);
    expect(summary.metricCalls).toBeGreaterThanOrEqual(6);
    // summary: 1; missing: goal failed, 0 of its tasks, the expectation fails → 0.
    expect(summary.seedScore).toBeCloseTo(0.5, 9);
    expect(summary.bestCandidate.planner).toContain('Dynamic Planner');
    expect(summary.bestCandidate.actor).toContain('{{persona}}');
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines)
      expect(line).toMatch(/^\[[#-]{24}\] \d+\/8 metric calls · iteration \d+ · best (—|\d\.\d{3})$/);
    expect(lines.at(-1)).toMatch(/ \d\/8 metric calls · iteration 2 · best 0\.500$/);
    const state = JSON.parse(readFileSync(join(root, 'run', 'gepa_state.json'), 'utf8'));
    expect(state.totalMetricCalls).toBe(summary.metricCalls);

    // The same run directory resumes: the budget is already spent, nothing is evaluated again.
    const resumed = await run(
      ['optimize', '--goals', 'goals.json', '--budget', '8', '--run-dir', 'run', '--config', config],
      {
        INIT_CWD: root,
      },
    );
    expect(resumed.code).toBe(0);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      metricCalls: summary.metricCalls,
      iterations: summary.iterations,
    });
  });

  it('starts from the warm-started prompts; --apply without an improvement applies nothing and says so', async () => {
    const { root, config, tracePath } = project();
    const planner = 'Custom planner prompt: split the goal into small tasks.';
    const seeded = await applyPrompts(tracePath, { planner }, { source: 'test' });
    const before = readFileSync(tracePath, 'utf8');
    const result = await run([
      'optimize',
      '--goals',
      join(root, 'goals.json'),
      '--budget',
      '4',
      '--run-dir',
      join(root, 'run'),
      '--apply',
      '--config',
      config,
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.bestCandidate.planner).toBe(planner);
    // The offline model ignores prompts, so nothing beats the seed: nothing is applied.
    expect(summary).toMatchObject({ improved: false, applied: null });
    expect(result.stderr).toContain('--apply: nothing applied — no candidate scored better than the current prompts');
    // Optimizing only reads the trace file then; the prompts in use stay the warm start.
    expect(readFileSync(tracePath, 'utf8').startsWith(before)).toBe(true);
    expect(readFileSync(tracePath, 'utf8')).not.toContain('"source":"aime optimize"');
    const workspace = realpathSync(mkdtempSync(join(tmpdir(), 'aime-optimize-ws-')));
    const runtime = await createAIMERuntime({ configDirectory: config, workspaceRoot: workspace, env: {} });
    expect(runtime.onlineGEPA?.currentPrompt('planner')).toEqual({
      component: 'planner',
      candidateId: seeded.planner,
      text: planner,
    });
  });

  it('ships an example goal set that runs on the offline model (three goals pass, one fails by design)', async () => {
    const { root, config } = project();
    const result = await run([
      'optimize',
      '--goals',
      join(REPO_ROOT, 'config', 'optimize_goals.json'),
      '--budget',
      '4',
      '--run-dir',
      join(root, 'run'),
      '--config',
      config,
    ]);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary.goalScores).toMatchObject({
      'summarise-readme': 1,
      'layout-and-next-steps': 1,
      'read-two-files': 1,
    });
    expect(summary.goalScores['missing-changelog']).toBeLessThan(0.5);
    expect(summary.metricCalls).toBe(4);
  });

  it('reports usage mistakes in one line with exit code 2', async () => {
    const { root, config } = project();
    expect(await run(['optimize', '--config', config])).toMatchObject({
      code: 2,
      stderr: 'aime: optimize needs --goals <file> (see: aime optimize --help)\n',
    });
    const missing = await run(['optimize', '--goals', 'nope.json', '--config', config], { INIT_CWD: root });
    expect(missing).toMatchObject({ code: 2, stderr: `aime: --goals ${join(root, 'nope.json')}: no such file\n` });
    writeFileSync(join(root, 'bad.json'), JSON.stringify({ goals: [{ goal: 'x', files: { '../out.txt': 'x' } }] }));
    const bad = await run(['optimize', '--goals', 'bad.json', '--config', config], { INIT_CWD: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('goals.0.files.../out.txt: must be a relative path inside the workspace');
    const small = await run(['optimize', '--goals', 'goals.json', '--budget', '1', '--config', config], {
      INIT_CWD: root,
    });
    expect(small).toMatchObject({ code: 2 });
    expect(small.stderr).toContain('--budget 1 is smaller than the 2 validation goals');
    const selection = await run(['optimize', '--goals', 'goals.json', '--selection', 'random', '--config', config], {
      INIT_CWD: root,
    });
    expect(selection.stderr).toContain(
      "--selection must be one of pareto, current-best, epsilon-greedy (got 'random')",
    );
    expect(existsSync(join(root, 'traces', 'gepa'))).toBe(false);
  });
});

describe('OptimizeProgress', () => {
  it('redraws one line on a terminal: calls used of the budget, iteration, best score', () => {
    const stream = Object.assign(new PassThrough(), { isTTY: true });
    const written = capture(stream);
    const progress = new OptimizeProgress(stream, 10);
    progress.onEvent({
      type: 'optimization-start',
      resumed: false,
      iteration: 0,
      totalMetricCalls: 0,
      maxMetricCalls: 10,
    });
    progress.onEvent({ type: 'budget', iteration: 0, totalMetricCalls: 5, delta: 5, remaining: 5 });
    progress.onEvent({
      type: 'valset-evaluated',
      iteration: 0,
      candidateIndex: 0,
      parentIndices: [],
      aggregateScore: 0.625,
      subscores: [],
      isBest: true,
    });
    expect(progress.line()).toBe('[############------------] 5/10 metric calls · iteration 0 · best 0.625');
    expect(written().startsWith('\r[------------------------] 0/10 metric calls')).toBe(true);
    expect(written()).not.toContain('\n');
  });
});
