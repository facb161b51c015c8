import { describe, expect, it } from 'vitest';
import { bestCandidate } from './best-candidate';
import { type CandidateStatus, newCandidate, type OnlineCandidate } from './online-candidate';

function candidate(
  id: string,
  order: number,
  recentScores: number[],
  fields: { status?: CandidateStatus; epoch?: number; component?: string } = {},
): OnlineCandidate {
  const created = newCandidate({
    id,
    component: fields.component ?? 'planner',
    parentId: null,
    prompt: `prompt ${id}`,
    status: fields.status ?? 'accepted',
    epoch: fields.epoch ?? 0,
    order,
    createdAt: order,
  });
  return {
    ...created,
    recentScores,
    uses: recentScores.length,
    scoreSum: recentScores.reduce((sum, score) => sum + score, 0),
  };
}

const best = (candidates: OnlineCandidate[]) => bestCandidate(candidates, 'planner', 0)?.id;

describe('bestCandidate', () => {
  it('an equal recent mean goes to the newer candidate, whatever order they are listed in', () => {
    const older = candidate('older', 1, [1, 0]);
    const newer = candidate('newer', 2, [0.5, 0.5]);
    expect(best([older, newer])).toBe('newer');
    expect(best([newer, older])).toBe('newer');
  });

  it('two unscored candidates: the newer one, whatever the listing order', () => {
    const older = candidate('older', 1, [], { status: 'default' });
    const newer = candidate('newer', 2, []);
    expect(best([older, newer])).toBe('newer');
    expect(best([newer, older])).toBe('newer');
  });

  it('a higher recent mean beats a newer candidate, and any score beats none', () => {
    const strong = candidate('strong', 1, [1, 1]);
    const weak = candidate('weak', 2, [1, 0]);
    const unscored = candidate('unscored', 3, []);
    expect(best([strong, weak])).toBe('strong');
    expect(best([weak, strong])).toBe('strong');
    expect(best([unscored, weak])).toBe('weak');
    expect(best([weak, unscored])).toBe('weak');
  });

  it('only eligible candidates of the component and epoch count', () => {
    const eligible = candidate('eligible', 1, [0]);
    const others = [
      candidate('trial', 5, [1], { status: 'trial' }),
      candidate('rejected', 6, [1], { status: 'rejected' }),
      candidate('observed', 7, [1], { status: 'observed' }),
      candidate('other-epoch', 8, [1], { epoch: 1 }),
      candidate('other-component', 9, [1], { component: 'actor' }),
    ];
    expect(best([...others, eligible])).toBe('eligible');
    expect(best(others)).toBeUndefined();
  });
});
