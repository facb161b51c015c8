/**
 * A small deterministic PRNG (mulberry32). Its whole state is one 32-bit integer, so the optimizer
 * can persist it in the run state and a resumed run draws exactly the numbers an uninterrupted run
 * would have drawn.
 */
export class SeededRandom {
  private current: number;

  constructor(seed: number) {
    this.current = seed >>> 0;
  }

  /** The internal state, to persist and restore with `SeededRandom.fromState`. */
  get state(): number {
    return this.current;
  }

  static fromState(state: number): SeededRandom {
    return new SeededRandom(state);
  }

  /** A float in [0, 1). */
  next(): number {
    this.current = (this.current + 0x6d2b79f5) >>> 0;
    let value = this.current;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, exclusiveMax). */
  integer(exclusiveMax: number): number {
    return Math.floor(this.next() * exclusiveMax);
  }

  choice<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('choice() needs at least one item');
    return items[this.integer(items.length)] as T;
  }

  /** An index drawn with probability proportional to `weights`; uniform when they sum to 0. */
  weightedIndex(weights: readonly number[]): number {
    if (weights.length === 0) throw new RangeError('weightedIndex() needs at least one weight');
    const total = weights.reduce((sum, weight) => sum + Math.max(0, weight), 0);
    if (total <= 0) return this.integer(weights.length);
    let threshold = this.next() * total;
    for (const [index, weight] of weights.entries()) {
      threshold -= Math.max(0, weight);
      if (threshold < 0) return index;
    }
    return weights.length - 1;
  }

  /** A new array with the items in random order (Fisher–Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const result = [...items];
    for (let index = result.length - 1; index > 0; index--) {
      const swapIndex = this.integer(index + 1);
      [result[index], result[swapIndex]] = [result[swapIndex] as T, result[index] as T];
    }
    return result;
  }

  /** `count` distinct items drawn without replacement (all of them, shuffled, if fewer). */
  sample<T>(items: readonly T[], count: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, count));
  }
}
