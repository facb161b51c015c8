import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LightweightOnlineGEPA } from '@gepa-aime/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../server/src/test-support/postgres/test-database';
import { runCliCaptured } from '../cli-test-support';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tempRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'aime-gepa-cli-'));
  roots.push(root);
  return root;
}

/** The Python reference's lines (boolean scores, no ids), then ours: an outcome with a proposal and a decision. */
const SEED_LINES = [
  { prompt: 'Plan the goal.', response: 'plan A', score: false, new_prompt: null, observation: 'Read a.md: failed' },
  {
    prompt: 'Plan the goal.',
    response: 'plan B',
    score: true,
    new_prompt: 'Plan the goal. List files first.',
    observation: 'Read b.md: completed',
  },
  {
    prompt: 'Plan the goal. List files first.',
    response: 'plan C',
    score: 0.5,
    observation: 'Read c.md: partial',
    component: 'planner',
    candidate_id: 'planner-3f9c2a1b',
    parent_id: 'planner-default',
    feedback: 'Task [1] partial',
    timestamp: '2026-01-01T10:00:03.000Z',
    run_id: 'run-1',
    task_id: '1',
    composite: 0.4,
    tool_calls: { read_file: 2 },
  },
  {
    kind: 'decision',
    decision: 'accepted',
    component: 'planner',
    candidate_id: 'planner-3f9c2a1b',
    parent_id: 'planner-default',
    prompt: 'Plan the goal. List files first.',
    mean_score: 0.67,
    parent_score: 0.33,
    timestamp: '2026-01-01T10:00:09.000Z',
    source: 'online',
  },
];

function writeJsonl(path: string, lines: unknown[]): string {
  writeFileSync(path, `${lines.map((line) => JSON.stringify(line)).join('\n')}\n`);
  return path;
}

function parseJsonl(text: string): unknown[] {
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line));
}

/** What the records are after loading: booleans as 1/0, fields in the file's order. */
const NORMALISED = SEED_LINES.map((line) => ('score' in line ? { ...line, score: Number(line.score) } : line));

describe('aime gepa import / export (trace file)', () => {
  it('imports a seed-format file into the trace file and exports it back record for record', async () => {
    const root = tempRoot();
    const env = { AIME_TRACES_DIR: join(root, 'traces') };
    const source = writeJsonl(join(root, 'seed.jsonl'), SEED_LINES);
    const imported = await runCliCaptured(['gepa', 'import', source], { env });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toBe(
      `Imported 4 records from ${source} into ${join(root, 'traces', 'gepa_history.jsonl')}\n`,
    );
    expect(imported.code).toBe(0);

    const exported = await runCliCaptured(['gepa', 'export'], { env });
    expect(exported.code).toBe(0);
    expect(parseJsonl(exported.stdout)).toEqual(NORMALISED);
    // Field order is the trace file's: the Python reference's fields first, then ours.
    expect(Object.keys(parseJsonl(exported.stdout)[2] as object).slice(0, 6)).toEqual([
      'prompt',
      'response',
      'score',
      'observation',
      'component',
      'candidate_id',
    ]);

    // What was imported is the warm start: the accepted candidate is current.
    const online = await LightweightOnlineGEPA.create({ tracePath: join(root, 'traces', 'gepa_history.jsonl') });
    expect(online.currentPrompt('planner')).toMatchObject({
      candidateId: 'planner-3f9c2a1b',
      text: 'Plan the goal. List files first.',
    });
  });

  it('names every bad line by number and imports nothing', async () => {
    const root = tempRoot();
    const env = { AIME_TRACES_DIR: join(root, 'traces') };
    const source = join(root, 'bad.jsonl');
    writeFileSync(
      source,
      [
        JSON.stringify(SEED_LINES[0]),
        '{"prompt": "torn',
        '',
        JSON.stringify({ prompt: 'no score', response: 'x' }),
        JSON.stringify({ kind: 'decision', decision: 'maybe', component: 'planner', candidate_id: 'c', prompt: 'p' }),
      ].join('\n'),
    );
    const result = await runCliCaptured(['gepa', 'import', source], { env });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('trace_import_invalid');
    expect(result.stderr).toContain('3 line(s) are not trace records, nothing imported');
    expect(result.stderr).toMatch(/line 2: not JSON/);
    expect(result.stderr).toMatch(/line 4: score: /);
    expect(result.stderr).toMatch(/line 5: decision: /);
    const exported = await runCliCaptured(['gepa', 'export'], { env });
    expect(exported.stdout).toBe('');
  });

  it('reports progress on a long file, writes an export file, and refuses unclear calls', async () => {
    const root = tempRoot();
    const env = { AIME_TRACES_DIR: join(root, 'traces') };
    const many = Array.from({ length: 2500 }, (_, index) => ({
      prompt: 'Plan.',
      response: `r${index}`,
      score: index % 2,
      observation: `task ${index}`,
    }));
    const source = writeJsonl(join(root, 'many.jsonl'), many);
    const imported = await runCliCaptured(['gepa', 'import', source], { env });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toBe(
      'imported 1000/2500 records\nimported 2000/2500 records\nimported 2500/2500 records\n',
    );
    const target = join(root, 'out.jsonl');
    const exported = await runCliCaptured(['gepa', 'export', target], { env });
    expect(exported.stderr).toContain(`Exported 2500 records`);
    expect(parseJsonl(readFileSync(target, 'utf8'))).toEqual(many);

    const noFile = await runCliCaptured(['gepa', 'import'], { env });
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toContain("expected 'aime gepa import <file.jsonl>'");
    const itself = await runCliCaptured(['gepa', 'import', join(root, 'traces', 'gepa_history.jsonl')], { env });
    expect(itself.code).toBe(2);
    expect(itself.stderr).toContain('is the trace file itself');
    const missing = await runCliCaptured(['gepa', 'import', join(root, 'absent.jsonl')], { env });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('ENOENT');
  });
});

describe('aime gepa import / export (PostgreSQL)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('round-trips the file through aime.gepa_records to the same lines the file mode exports', async () => {
    const root = tempRoot();
    const env = { AIME_DATABASE_URL: database.url };
    expect((await runCliCaptured(['db', 'migrate'], { env })).code).toBe(0);
    const source = writeJsonl(join(root, 'seed.jsonl'), SEED_LINES);
    const imported = await runCliCaptured(['gepa', 'import', source], { env });
    expect(imported.stdout).toBe(`Imported 4 records from ${source} into PostgreSQL aime.gepa_records\n`);
    expect(imported.code).toBe(0);
    const fromDatabase = await runCliCaptured(['gepa', 'export'], { env });
    expect(fromDatabase.code).toBe(0);

    const fileEnv = { AIME_TRACES_DIR: join(root, 'traces') };
    await runCliCaptured(['gepa', 'import', source], { env: fileEnv });
    const fromFile = await runCliCaptured(['gepa', 'export'], { env: fileEnv });
    // Same text: PostgreSQL's jsonb key order does not leak into the export.
    expect(fromDatabase.stdout).toBe(fromFile.stdout);
    expect(parseJsonl(fromDatabase.stdout)).toEqual(NORMALISED);
  });

  it('refuses an unmigrated database with the command that fixes it', async () => {
    const empty = await createTestDatabase();
    try {
      const root = tempRoot();
      const source = writeJsonl(join(root, 'seed.jsonl'), SEED_LINES);
      const result = await runCliCaptured(['gepa', 'import', source], { env: { AIME_DATABASE_URL: empty.url } });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('aime db migrate');
    } finally {
      await empty.drop();
    }
  });
});
