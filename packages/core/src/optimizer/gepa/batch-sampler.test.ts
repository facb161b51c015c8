import { describe, expect, it } from 'vitest';
import { initialSamplerState, nextMinibatch } from './batch-sampler';
import { SeededRandom } from './seeded-random';

function draw(trainsetSize: number, minibatchSize: number, batches: number, seed: number): number[][] {
  const sampler = initialSamplerState();
  const random = new SeededRandom(seed);
  return Array.from({ length: batches }, () => nextMinibatch(sampler, trainsetSize, minibatchSize, random));
}

describe('nextMinibatch', () => {
  it('covers every trainset item exactly once per epoch when the size divides evenly', () => {
    const batches = draw(9, 3, 9, 5);
    for (let epoch = 0; epoch < 3; epoch++) {
      const items = batches.slice(epoch * 3, epoch * 3 + 3).flat();
      expect([...items].sort((left, right) => left - right)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    }
    // A new epoch is a new permutation.
    expect(batches.slice(0, 3).flat()).not.toEqual(batches.slice(3, 6).flat());
  });

  it('pads the last minibatch of an epoch with distinct items from the epoch start', () => {
    const batches = draw(7, 3, 3, 11);
    const epoch = batches.flat();
    expect(epoch).toHaveLength(9);
    expect(new Set(epoch).size).toBe(7);
    expect(epoch.slice(7)).toEqual(epoch.slice(0, 2));
    for (const batch of batches) expect(batch).toHaveLength(3);
  });

  it('is deterministic for a seed and resumable from its state', () => {
    expect(draw(10, 3, 8, 3)).toEqual(draw(10, 3, 8, 3));
    const sampler = initialSamplerState();
    const random = new SeededRandom(3);
    const first = [nextMinibatch(sampler, 10, 3, random), nextMinibatch(sampler, 10, 3, random)];
    const restoredSampler = structuredClone(sampler);
    const restoredRandom = SeededRandom.fromState(random.state);
    const rest = Array.from({ length: 6 }, () => nextMinibatch(restoredSampler, 10, 3, restoredRandom));
    expect([...first, ...rest]).toEqual(draw(10, 3, 8, 3));
  });
});
