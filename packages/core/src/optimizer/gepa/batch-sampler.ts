import type { SeededRandom } from './seeded-random';
import type { SamplerState } from './state-schema';

export function initialSamplerState(): SamplerState {
  return { order: [], position: 0, epoch: -1 };
}

/**
 * Next minibatch of trainset indices. Each epoch is a fresh permutation of the whole trainset,
 * padded (when its size is not a multiple of the minibatch size) with the epoch's first indices so
 * every minibatch is full; minibatches are consecutive slices. Mutates `sampler`.
 */
export function nextMinibatch(
  sampler: SamplerState,
  trainsetSize: number,
  minibatchSize: number,
  random: SeededRandom,
): number[] {
  if (trainsetSize === 0) throw new RangeError('Cannot sample a minibatch from an empty trainset');
  if (sampler.position >= sampler.order.length) {
    const permutation = random.shuffle(Array.from({ length: trainsetSize }, (_, index) => index));
    const remainder = trainsetSize % minibatchSize;
    const padding = remainder === 0 ? 0 : minibatchSize - remainder;
    for (let index = 0; index < padding; index++) permutation.push(permutation[index % trainsetSize] as number);
    sampler.order = permutation;
    sampler.position = 0;
    sampler.epoch += 1;
  }
  const batch = sampler.order.slice(sampler.position, sampler.position + minibatchSize);
  sampler.position += minibatchSize;
  return batch;
}
