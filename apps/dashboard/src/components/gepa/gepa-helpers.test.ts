import { describe, expect, it } from 'vitest';
import { diffLines } from './line-diff';
import { findAdoptions, labelAdoptions } from './score-adoptions';

describe('diffLines', () => {
  it('marks the lines a mutation added and removed, keeping the common ones in order', () => {
    expect(diffLines('a\nb\nc', 'a\nB\nc\nd')).toEqual([
      { kind: 'same', text: 'a' },
      { kind: 'removed', text: 'b' },
      { kind: 'added', text: 'B' },
      { kind: 'same', text: 'c' },
      { kind: 'added', text: 'd' },
    ]);
  });

  it('returns only unchanged lines for identical prompts', () => {
    expect(diffLines('x\ny', 'x\ny').every((line) => line.kind === 'same')).toBe(true);
  });
});

describe('findAdoptions', () => {
  const point = (index: number, component: string, candidateId: string) => ({
    index,
    ts: index,
    runId: null,
    component,
    candidateId,
    score: 0.5,
    composite: 0.5,
  });

  it('marks the first trace of each newly used candidate, per component', () => {
    const timeline = [
      point(0, 'planner', 'p0'),
      point(1, 'actor', 'a0'),
      point(2, 'planner', 'p0'),
      point(3, 'planner', 'p1'),
      point(4, 'actor', 'a0'),
      point(5, 'planner', 'p1'),
      point(6, 'actor', 'a1'),
    ];
    expect(findAdoptions(timeline).map((adopted) => adopted.index)).toEqual([3, 6]);
  });
});

describe('labelAdoptions', () => {
  const point = (index: number, component: string) => ({
    index,
    ts: index,
    runId: null,
    component,
    candidateId: `${component}-${index}`,
    score: 1,
    composite: 1,
  });

  it('gives adoptions close together one shared label, so labels never overprint', () => {
    const markers = labelAdoptions([point(6, 'planner'), point(7, 'actor'), point(15, 'planner')], 18);
    expect(markers.map((marker) => [marker.point.index, marker.label])).toEqual([
      [6, 'new planner + actor'],
      [7, ''],
      [15, 'new planner'],
    ]);
  });

  it('names a component once when it is adopted twice in a row', () => {
    const markers = labelAdoptions([point(2, 'actor'), point(3, 'actor')], 8);
    expect(markers.map((marker) => marker.label)).toEqual(['new actor', '']);
  });

  it('labels each adoption that stands apart', () => {
    const markers = labelAdoptions([point(1, 'planner'), point(9, 'actor')], 10);
    expect(markers.map((marker) => marker.label)).toEqual(['new planner', 'new actor']);
  });
});
