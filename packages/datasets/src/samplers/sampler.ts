/** A sampler: the order of dataset indices for one epoch (or forever). */
export interface Sampler extends Iterable<number> {
  /** Indices per epoch (Infinity for an infinite sampler). */
  readonly length: number;
  /** Changes the shuffle of the next epoch (DefaultSampler and friends). */
  setEpoch?(epoch: number): void;
}

/** The options every sharding sampler takes, for data-parallel training. */
export interface ShardOptions {
  /** This process's rank among `world_size` processes. */
  rank?: number;
  world_size?: number;
}

/** Checks rank and world size. */
export function shard(options: ShardOptions): { rank: number; worldSize: number } {
  const rank = options.rank ?? 0;
  const worldSize = options.world_size ?? 1;
  if (!Number.isInteger(worldSize) || worldSize < 1) throw new RangeError(`sampler: world_size must be a positive integer, got ${worldSize}`);
  if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) throw new RangeError(`sampler: rank ${rank} is outside [0, ${worldSize - 1}]`);
  return { rank, worldSize };
}
