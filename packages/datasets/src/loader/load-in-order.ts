/** Samples a thread loads at once (decoding one while transforming another). */
export const SAMPLES_IN_FLIGHT = 4;

/** A failure of {@link loadInOrder}: the error of the earliest failing index. */
export class LoadFailure extends Error {
  constructor(
    readonly index: number,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
  }
}

/**
 * Runs `load` on every index with at most `concurrency` calls in flight (so that image decoding,
 * which runs off the thread, overlaps the transforms of other samples) and returns the results in
 * the order of `indices`. After a failure no new call starts; the promise rejects with a
 * {@link LoadFailure} for the earliest failing index, as a one-at-a-time run would.
 */
export async function loadInOrder<T>(indices: readonly number[], concurrency: number, load: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(indices.length);
  let next = 0;
  const state: { failed?: { position: number; error: unknown } } = {};
  const run = async () => {
    while (next < indices.length && !state.failed) {
      const position = next++;
      try {
        results[position] = await load(indices[position] as number);
      } catch (error) {
        const earlier = state.failed as { position: number } | undefined;
        if (!earlier || position < earlier.position) state.failed = { position, error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, indices.length)) }, run));
  if (state.failed) throw new LoadFailure(indices[state.failed.position] as number, state.failed.error);
  return results;
}
