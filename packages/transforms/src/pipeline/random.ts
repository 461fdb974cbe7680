import type { Generator } from '@mmpt/tensor';

/** A float in `[low, high)`, as `np.random.uniform(low, high)`. */
export function uniform(generator: Generator, low: number, high: number): number {
  return low + (high - low) * generator.uniform();
}

/** A normal number with mean `mean` and deviation `std`, as `np.random.normal(mean, std)`. */
export function normal(generator: Generator, mean: number, std: number): number {
  return mean + std * generator.normal();
}

/** An integer in `[low, high)`, as `np.random.randint(low, high)`. */
export function randomInteger(generator: Generator, low: number, high: number): number {
  if (!(high > low)) throw new RangeError(`randint: empty range [${low}, ${high})`);
  return generator.integer(low, high);
}

/**
 * An index drawn with the given probabilities (uniformly without them), as
 * `np.random.choice(n, p=p)`: the cumulative sums are searched for a uniform number.
 */
export function choiceIndex(generator: Generator, count: number, probabilities?: readonly number[]): number {
  if (!probabilities) return generator.integer(0, count);
  let total = 0;
  for (const probability of probabilities) total += probability;
  const u = generator.uniform();
  let cumulative = 0;
  for (let index = 0; index < probabilities.length; index++) {
    cumulative += probabilities[index] as number;
    if (u < cumulative / total) return index;
  }
  return probabilities.length - 1;
}

/** A random permutation of `0 .. n-1` (Fisher-Yates), as `np.random.permutation(n)`. */
export function permutation(generator: Generator, count: number): number[] {
  const values = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = generator.integer(0, index + 1);
    const value = values[index] as number;
    values[index] = values[other] as number;
    values[other] = value;
  }
  return values;
}
