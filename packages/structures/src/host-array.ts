/** A typed array that holds host values. */
export type HostData = Int32Array | Float32Array | Uint8Array;

/**
 * Values on the host with a shape (row-major), the way a sample carries a mask or another array
 * before it is batched into a tensor.
 *
 * @example
 * const mask: HostArray = { data: new Int32Array(196), shape: [14, 14] };
 */
export interface HostArray {
  data: HostData;
  shape: readonly number[];
}

/** Whether a value is a {@link HostArray}: a typed array `data` whose size fits `shape`. */
export function isHostArray(value: unknown): value is HostArray {
  if (value === null || typeof value !== 'object') return false;
  const candidate = value as { data?: unknown; shape?: unknown };
  if (!ArrayBuffer.isView(candidate.data) || !Array.isArray(candidate.shape)) return false;
  const size = (candidate.shape as number[]).reduce((product, length) => product * length, 1);
  return (candidate.data as HostData).length === size;
}
