import { findDominatorPrograms } from './pareto';
import type { SeededRandom } from './seeded-random';
import type { GEPAState, MergeState } from './state-schema';
import type { GEPACandidate } from './types';

export interface MergePlan {
  candidate: GEPACandidate;
  parents: [number, number];
  ancestor: number;
  /** Which candidate each component's text came from, in component order. */
  sources: number[];
}

/** Every ancestor of `node` (parents, their parents, …). */
export function ancestorsOf(node: number, parents: readonly (readonly number[])[]): Set<number> {
  const found = new Set<number>();
  const pending = [...(parents[node] ?? [])];
  while (pending.length > 0) {
    const next = pending.pop() as number;
    if (found.has(next)) continue;
    found.add(next);
    pending.push(...(parents[next] ?? []));
  }
  return found;
}

/** True when some component is unchanged in one descendant and changed in the other. */
function hasDesirableComponent(
  names: readonly string[],
  ancestor: GEPACandidate,
  first: GEPACandidate,
  second: GEPACandidate,
): boolean {
  return names.some(
    (name) => (ancestor[name] === first[name] || ancestor[name] === second[name]) && first[name] !== second[name],
  );
}

/**
 * Builds the merged candidate from two descendants of `ancestor`: each component comes from the
 * descendant that changed it; if both changed it, from the one with the higher aggregate score
 * (a random one on a tie); if neither did (or both hold the same text), from the first.
 */
export function mergeComponents(
  names: readonly string[],
  candidates: readonly GEPACandidate[],
  aggregateScores: readonly number[],
  first: number,
  second: number,
  ancestor: number,
  random: SeededRandom,
): { candidate: GEPACandidate; sources: number[] } {
  const candidate: GEPACandidate = { ...candidates[ancestor] };
  const sources: number[] = [];
  const ancestorTexts = candidates[ancestor] as GEPACandidate;
  const firstTexts = candidates[first] as GEPACandidate;
  const secondTexts = candidates[second] as GEPACandidate;
  for (const name of names) {
    const ancestorText = ancestorTexts[name];
    const firstText = firstTexts[name];
    const secondText = secondTexts[name];
    let source: number;
    if ((ancestorText === firstText || ancestorText === secondText) && firstText !== secondText) {
      source = ancestorText === firstText ? second : first;
    } else if (ancestorText !== firstText && ancestorText !== secondText) {
      const firstScore = aggregateScores[first] ?? 0;
      const secondScore = aggregateScores[second] ?? 0;
      if (firstScore > secondScore) source = first;
      else if (secondScore > firstScore) source = second;
      else source = random.choice([first, second]);
    } else {
      source = first;
    }
    candidate[name] = (candidates[source] as GEPACandidate)[name] as string;
    sources.push(source);
  }
  return { candidate, sources };
}

function findCommonAncestorTriplet(
  state: Readonly<GEPAState>,
  mergeCandidates: readonly number[],
  merge: Readonly<MergeState>,
  random: SeededRandom,
  maxAttempts: number,
): [number, number, number] | undefined {
  const scores = state.valAggregateScores;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (mergeCandidates.length < 2) return undefined;
    const [pickedFirst, pickedSecond] = random.sample(mergeCandidates, 2) as [number, number];
    const first = Math.min(pickedFirst, pickedSecond);
    const second = Math.max(pickedFirst, pickedSecond);
    const firstAncestors = ancestorsOf(first, state.parents);
    const secondAncestors = ancestorsOf(second, state.parents);
    if (firstAncestors.has(second) || secondAncestors.has(first)) continue;
    const common = [...firstAncestors]
      .filter((ancestor) => secondAncestors.has(ancestor))
      .sort((left, right) => left - right)
      .filter(
        (ancestor) =>
          !merge.triedTriplets.some(([a, b, c]) => a === first && b === second && c === ancestor) &&
          (scores[ancestor] ?? 0) <= (scores[first] ?? 0) &&
          (scores[ancestor] ?? 0) <= (scores[second] ?? 0) &&
          hasDesirableComponent(
            state.componentNames,
            state.candidates[ancestor] as GEPACandidate,
            state.candidates[first] as GEPACandidate,
            state.candidates[second] as GEPACandidate,
          ),
      );
    if (common.length === 0) continue;
    const ancestor = common[random.weightedIndex(common.map((index) => scores[index] ?? 0))] as number;
    return [first, second, ancestor];
  }
  return undefined;
}

/**
 * System-aware merge (the reference's `merge` proposer): among the non-dominated Pareto programs,
 * find two that are not ancestors of each other and share an ancestor that both beat, and combine
 * their components. A (pair, ancestor) triplet and a (pair, component sources) description are
 * never tried twice; both are recorded in `merge` when a plan is returned.
 */
export function planMerge(
  state: Readonly<GEPAState>,
  merge: MergeState,
  random: SeededRandom,
  maxAttempts = 10,
): MergePlan | undefined {
  const mergeCandidates = findDominatorPrograms(state.paretoFrontPrograms, state.valAggregateScores);
  if (mergeCandidates.length < 2 || state.candidates.length < 3) return undefined;
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const triplet = findCommonAncestorTriplet(state, mergeCandidates, merge, random, maxAttempts);
    if (!triplet) continue;
    const [first, second, ancestor] = triplet;
    const { candidate, sources } = mergeComponents(
      state.componentNames,
      state.candidates,
      state.valAggregateScores,
      first,
      second,
      ancestor,
      random,
    );
    const description = `${first},${second}:${sources.join(',')}`;
    if (merge.triedDescriptions.includes(description)) continue;
    merge.triedDescriptions.push(description);
    merge.triedTriplets.push([first, second, ancestor]);
    return { candidate, parents: [first, second], ancestor, sources };
  }
  return undefined;
}

/**
 * Validation instances for a merge's subsample: up to a third each where the first parent wins,
 * where the second wins, and where they tie, topped up at random to `size`.
 */
export function selectMergeSubsample(
  firstScores: readonly number[],
  secondScores: readonly number[],
  size: number,
  random: SeededRandom,
): number[] {
  const instances = firstScores.map((_, index) => index);
  const firstWins = instances.filter((index) => (firstScores[index] ?? 0) > (secondScores[index] ?? 0));
  const secondWins = instances.filter((index) => (secondScores[index] ?? 0) > (firstScores[index] ?? 0));
  const ties = instances.filter((index) => (firstScores[index] ?? 0) === (secondScores[index] ?? 0));
  const perBucket = Math.max(1, Math.ceil(size / 3));
  const selected: number[] = [];
  for (const bucket of [firstWins, secondWins, ties]) {
    if (selected.length >= size) break;
    const take = Math.min(bucket.length, perBucket, size - selected.length);
    selected.push(...random.sample(bucket, take));
  }
  const remaining = size - selected.length;
  if (remaining > 0) {
    const unused = instances.filter((index) => !selected.includes(index));
    selected.push(...random.sample(unused, remaining));
  }
  return selected.slice(0, size);
}
