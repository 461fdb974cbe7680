/**
 * Gathers the results that several workers processed into one list, as MMEngine's
 * `collect_results`: the parts are interleaved (the first result of every part, then the second
 * of every part, ...), which restores the dataset order of a distributed sampler that deals
 * samples round-robin, and the list is cut to `size`, which drops the samples a sampler repeats to
 * pad the last round. Like MMEngine, interleaving stops at the end of the shortest part. With one
 * part this is the first `size` results.
 *
 * @example
 * collectResults([[0, 2, 4], [1, 3, 0]], 5); // [0, 1, 2, 3, 4]
 */
export function collectResults<T>(parts: readonly (readonly T[])[], size: number): T[] {
  if (!Number.isInteger(size) || size < 0) {
    throw new RangeError(`collectResults: size must be a non-negative integer, got ${size}`);
  }
  if (parts.length === 0) return [];
  if (parts.length === 1) return (parts[0] as readonly T[]).slice(0, size);
  const shortest = Math.min(...parts.map((part) => part.length));
  const ordered: T[] = [];
  for (let index = 0; index < shortest; index++) {
    for (const part of parts) ordered.push(part[index] as T);
  }
  return ordered.slice(0, size);
}
