import type { Sampler, ShardOptions } from './sampler';
import { shard } from './sampler';

/** The options of {@link SequentialSampler}. */
export interface SequentialSamplerOptions extends ShardOptions {
  dataset: { length: number };
}

/** Indices in order, sharded `rank::world_size` (for validation and testing). */
export class SequentialSampler implements Sampler {
  readonly #size: number;
  readonly rank: number;
  readonly worldSize: number;

  constructor(options: SequentialSamplerOptions) {
    this.#size = options.dataset.length;
    ({ rank: this.rank, worldSize: this.worldSize } = shard(options));
  }

  get length(): number {
    return Math.ceil((this.#size - this.rank) / this.worldSize);
  }

  *[Symbol.iterator](): Iterator<number> {
    for (let index = this.rank; index < this.#size; index += this.worldSize) yield index;
  }
}
