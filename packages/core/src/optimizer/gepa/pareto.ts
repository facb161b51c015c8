import type { SeededRandom } from './seeded-random';

/** Per-instance Pareto front: the best score on each validation instance and who achieves it. */
export interface ParetoFront {
  scores: number[];
  programs: number[][];
}

/**
 * Adds candidate `candidateIndex` with per-instance `subscores` to the front: a strictly better
 * score replaces the instance's set, an equal score joins it (ties are kept).
 */
export function updateParetoFront(front: ParetoFront, candidateIndex: number, subscores: readonly number[]): void {
  for (const [instance, score] of subscores.entries()) {
    const best = front.scores[instance];
    if (best === undefined || score > best) {
      front.scores[instance] = score;
      front.programs[instance] = [candidateIndex];
    } else if (score === best) {
      const programs = front.programs[instance] ?? [];
      if (!programs.includes(candidateIndex)) programs.push(candidateIndex);
      programs.sort((left, right) => left - right);
      front.programs[instance] = programs;
    }
  }
}

/** A program is dominated when every front it is on also holds another surviving program. */
function isDominated(program: number, others: ReadonlySet<number>, fronts: readonly (readonly number[])[]): boolean {
  for (const front of fronts) {
    if (!front.includes(program)) continue;
    if (!front.some((other) => others.has(other))) return false;
  }
  return true;
}

/**
 * Removes dominated programs from every front, lowest aggregate score first, one at a time (as
 * the reference does), so among equivalent programs the better-scoring ones survive.
 */
export function removeDominatedPrograms(
  fronts: readonly (readonly number[])[],
  aggregateScores: readonly number[],
): number[][] {
  const programs: number[] = [];
  for (const front of fronts) for (const program of front) if (!programs.includes(program)) programs.push(program);
  programs.sort((left, right) => (aggregateScores[left] ?? 0) - (aggregateScores[right] ?? 0));

  const dominated = new Set<number>();
  let removedOne = true;
  while (removedOne) {
    removedOne = false;
    for (const program of programs) {
      if (dominated.has(program)) continue;
      const others = new Set(programs.filter((other) => other !== program && !dominated.has(other)));
      if (isDominated(program, others, fronts)) {
        dominated.add(program);
        removedOne = true;
        break;
      }
    }
  }
  return fronts.map((front) => front.filter((program) => !dominated.has(program)));
}

/** How many (pruned) fronts each surviving program is on, in first-appearance order. */
export function frontFrequencies(
  fronts: readonly (readonly number[])[],
  aggregateScores: readonly number[],
): Map<number, number> {
  const frequencies = new Map<number, number>();
  for (const front of removeDominatedPrograms(fronts, aggregateScores)) {
    for (const program of front) frequencies.set(program, (frequencies.get(program) ?? 0) + 1);
  }
  return frequencies;
}

/** The non-dominated programs on the front, sorted by index. */
export function findDominatorPrograms(
  fronts: readonly (readonly number[])[],
  aggregateScores: readonly number[],
): number[] {
  return [...frontFrequencies(fronts, aggregateScores).keys()].sort((left, right) => left - right);
}

/** Samples a parent with probability proportional to the number of fronts it is on. */
export function selectFromParetoFront(
  fronts: readonly (readonly number[])[],
  aggregateScores: readonly number[],
  random: SeededRandom,
): number {
  const frequencies = [...frontFrequencies(fronts, aggregateScores).entries()];
  if (frequencies.length === 0) throw new RangeError('The Pareto front is empty');
  const index = random.weightedIndex(frequencies.map(([, count]) => count));
  return (frequencies[index] as [number, number])[0];
}

/** Index of the highest score (the first one on ties). */
export function indexOfMax(scores: readonly number[]): number {
  let bestIndex = 0;
  for (const [index, score] of scores.entries()) if (score > (scores[bestIndex] ?? -Infinity)) bestIndex = index;
  return bestIndex;
}
