import { Generator, permutation } from '@mmpt/tensor';
import type { Sampler, ShardOptions } from './sampler';
import { shard } from './sampler';

/** The options of {@link RepeatAugSampler}, as MMPretrain's. */
export interface RepeatAugSamplerOptions extends ShardOptions {
  dataset: { length: number };
  shuffle?: boolean;
  num_repeats?: number;
  seed?: number | null;
}

/**
 * MMPretrain's `RepeatAugSampler` (repeated augmentation, as in DeiT): each index of the epoch's
 * permutation appears `num_repeats` times in a row, the list is padded from its start to a
 * multiple of the world size and sharded `rank::world_size`, and each rank keeps its first
 * `ceil(len / world_size)` indices.
 */
export class RepeatAugSampler implements Sampler {
  readonly shuffle: boolean;
  readonly numRepeats: number;
  readonly seed: number;
  readonly rank: number;
  readonly worldSize: number;
  epoch = 0;
  readonly #size: number;

  constructor(options: RepeatAugSamplerOptions) {
    this.#size = options.dataset.length;
    this.shuffle = options.shuffle ?? true;
    this.numRepeats = options.num_repeats ?? 3;
    if (!Number.isInteger(this.numRepeats) || this.numRepeats < 1) throw new RangeError(`RepeatAugSampler: num_repeats must be a positive integer, got ${this.numRepeats}`);
    this.seed = options.seed ?? 0;
    ({ rank: this.rank, worldSize: this.worldSize } = shard(options));
  }

  /** Samples per rank per epoch. */
  get length(): number {
    return Math.ceil(this.#size / this.worldSize);
  }

  setEpoch(epoch: number): void {
    this.epoch = epoch;
  }

  *[Symbol.iterator](): Iterator<number> {
    const size = this.#size;
    const order = this.shuffle ? permutation(size, new Generator(this.seed + this.epoch)) : Int32Array.from({ length: size }, (_, index) => index);
    const repeated: number[] = [];
    for (const index of order) for (let copy = 0; copy < this.numRepeats; copy++) repeated.push(index);
    const total = Math.ceil((size * this.numRepeats) / this.worldSize) * this.worldSize;
    const padding = repeated.slice(0, total - repeated.length);
    repeated.push(...padding);
    let yielded = 0;
    for (let position = this.rank; position < total && yielded < this.length; position += this.worldSize) {
      yield repeated[position] as number;
      yielded++;
    }
  }
}
