import { Generator, permutation } from '@mmpt/tensor';
import type { Sampler, ShardOptions } from './sampler';
import { shard } from './sampler';

/** The options of {@link DefaultSampler}, as MMEngine's. */
export interface DefaultSamplerOptions extends ShardOptions {
  dataset: { length: number };
  shuffle?: boolean;
  /** The shuffle seed; 0 when absent (the runner passes its seed). */
  seed?: number | null;
  /** Repeat indices so every rank gets the same number of samples. */
  round_up?: boolean;
}

/**
 * MMEngine's `DefaultSampler`: a permutation of the dataset seeded by `seed + epoch` (or the plain
 * order without `shuffle`), padded by repetition with `round_up`, then sharded
 * `indices[rank::world_size]`.
 */
export class DefaultSampler implements Sampler {
  readonly shuffle: boolean;
  readonly seed: number;
  readonly roundUp: boolean;
  readonly rank: number;
  readonly worldSize: number;
  epoch = 0;
  readonly #size: number;

  constructor(options: DefaultSamplerOptions) {
    this.#size = options.dataset.length;
    this.shuffle = options.shuffle ?? true;
    this.seed = options.seed ?? 0;
    this.roundUp = options.round_up ?? true;
    ({ rank: this.rank, worldSize: this.worldSize } = shard(options));
  }

  get length(): number {
    return this.roundUp ? Math.ceil(this.#size / this.worldSize) : Math.ceil((this.#size - this.rank) / this.worldSize);
  }

  setEpoch(epoch: number): void {
    this.epoch = epoch;
  }

  *[Symbol.iterator](): Iterator<number> {
    const size = this.#size;
    const order = this.shuffle ? permutation(size, new Generator(this.seed + this.epoch)) : Int32Array.from({ length: size }, (_, index) => index);
    const total = this.roundUp ? this.length * this.worldSize : size;
    for (let position = this.rank; position < total; position += this.worldSize) {
      yield order[position % size] as number;
    }
  }
}
