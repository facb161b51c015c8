import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LightweightOnlineGEPA } from '@gepa-aime/core';
import { afterEach, describe, expect, it } from 'vitest';
import { applyImprovement } from './optimize-apply';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

function tracePath(): string {
  const root = mkdtempSync(join(tmpdir(), 'aime-optimize-apply-'));
  roots.push(root);
  return join(root, 'traces', 'gepa_history.jsonl');
}

const best = { planner: 'Improved planner prompt.', actor: 'Improved actor prompt.' };

describe('applyImprovement (aime optimize --apply)', () => {
  it('makes an improvement the next warm start', async () => {
    const path = tracePath();
    const applied = await applyImprovement({
      tracePath: path,
      improved: true,
      bestCandidate: best,
      bestScore: 0.9,
      parentIds: { planner: 'planner-default', actor: 'actor-default' },
    });
    expect(applied?.tracePath).toBe(path);
    expect(Object.keys(applied?.candidateIds ?? {})).toEqual(['planner', 'actor']);
    const records = readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(records).toEqual([
      expect.objectContaining({
        decision: 'applied',
        component: 'planner',
        prompt: best.planner,
        source: 'aime optimize',
      }),
      expect.objectContaining({ decision: 'applied', component: 'actor', prompt: best.actor, mean_score: 0.9 }),
    ]);
    const online = await LightweightOnlineGEPA.create({ tracePath: path });
    expect(online.currentPrompt('planner').text).toBe(best.planner);
    expect(online.currentPrompt('actor').candidateId).toBe(applied?.candidateIds.actor);
  });

  it('writes nothing when the seed stayed best', async () => {
    const path = tracePath();
    const applied = await applyImprovement({
      tracePath: path,
      improved: false,
      bestCandidate: best,
      bestScore: 0.5,
      parentIds: {},
    });
    expect(applied).toBeNull();
    expect(() => readFileSync(path, 'utf8')).toThrow(/ENOENT/);
  });
});
