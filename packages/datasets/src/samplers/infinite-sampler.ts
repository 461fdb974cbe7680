import { Generator, permutation } from '@mmpt/tensor';
import type { Sampler, ShardOptions } from './sampler';
import { shard } from './sampler';

/** The options of {@link InfiniteSampler}, as MMEngine's. */
export interface InfiniteSamplerOptions extends ShardOptions {
  dataset: { length: number };
  shuffle?: boolean;
  seed?: number | null;
}

/**
 * MMEngine's `InfiniteSampler`, for iteration-based training: an endless stream of indices, a new
 * permutation each pass (from one generator seeded once), sharded `rank::world_size`.
 */
export class InfiniteSampler implements Sampler {
  readonly length = Number.POSITIVE_INFINITY;
  readonly shuffle: boolean;
  readonly seed: number;
  readonly rank: number;
  readonly worldSize: number;
  readonly #size: number;

  constructor(options: InfiniteSamplerOptions) {
    this.#size = options.dataset.length;
    if (this.#size === 0) throw new RangeError('InfiniteSampler: the dataset is empty');
    this.shuffle = options.shuffle ?? true;
    this.seed = options.seed ?? 0;
    ({ rank: this.rank, worldSize: this.worldSize } = shard(options));
  }

  *[Symbol.iterator](): Iterator<number> {
    const generator = new Generator(this.seed);
    let position = 0;
    while (true) {
      const order = this.shuffle ? permutation(this.#size, generator) : Int32Array.from({ length: this.#size }, (_, index) => index);
      for (const index of order) {
        if (position % this.worldSize === this.rank) yield index;
        position++;
      }
    }
  }
}
