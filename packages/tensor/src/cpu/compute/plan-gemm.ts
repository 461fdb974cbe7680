import type { ResolvedGemm } from './gemm-params';

/** Block sizes of the GEMM, in elements. */
export interface GemmBlocking {
  /** Rows of op(A) per work item and packed A block; a multiple of 4. */
  mc: number;
  /** Depth (k) per packed block. */
  kc: number;
  /** Most columns of op(B) per work item and packed B slab; a multiple of 8. */
  nc: number;
}

/** How one GEMM call runs: threads taking part, block sizes, and scratch each thread needs. */
export interface GemmPlan {
  threads: number;
  mcBlock: number;
  kcBlock: number;
  ncBlock: number;
  /** Bytes of private scratch per thread (tile, packed A block, packed B slab). */
  scratchBytes: number;
}

/** Multiply-adds below which a GEMM runs on one thread (a dispatch costs a few µs to tens of µs). */
export const PARALLEL_MIN_MULTIPLY_ADDS = 1 << 18;
/** Floats of packed B per thread: a slab holds all of k for its columns. */
const SLAB_FLOATS = 1 << 19;
/** Work items per thread to aim for, so a late or slow thread leaves work to the others. */
const ITEMS_PER_THREAD = 4;
/** Narrowest column block made only to create more work items. */
const MIN_SPLIT_COLUMNS = 32;
/** Bytes of scratch before the packed blocks (the partial-tile buffer). */
export const TILE_SCRATCH_BYTES = 256;

function roundUp(value: number, multiple: number): number {
  return Math.ceil(value / multiple) * multiple;
}

/**
 * Chooses the threads and block sizes of a GEMM. The kernel cuts the work into items of
 * (batch, column block of `ncBlock`, row block of `mcBlock`) that threads take from a shared
 * counter. Column blocks are as wide as the packed-B budget allows (all of k is packed per
 * slab), and narrower when there are too few row blocks and batches to give every thread
 * several items. GEMMs under {@link PARALLEL_MIN_MULTIPLY_ADDS} run on one thread.
 *
 * @example
 * ```ts
 * planGemm(resolveGemm({ a, b, c, m: 64, n: 1024, k: 576 }, capacity), 2, { mc: 128, kc: 256, nc: 1024 });
 * // { threads: 2, mcBlock: 128, kcBlock: 256, ncBlock: 128, ... }: 8 column items
 * ```
 */
export function planGemm(gemm: ResolvedGemm, threads: number, blocking: GemmBlocking): GemmPlan {
  const { m, n, k, batch } = gemm;
  const depth = Math.max(k, 1);
  const mcBlock = blocking.mc;
  const kcBlock = blocking.kc;
  let ncBlock = Math.min(
    blocking.nc,
    Math.max(8, Math.floor(SLAB_FLOATS / depth / 8) * 8),
    Math.max(8, roundUp(n, 8)),
  );
  let planThreads = 1;
  if (threads > 1 && m > 0 && n > 0 && batch > 0 && m * n * depth * batch >= PARALLEL_MIN_MULTIPLY_ADDS) {
    const rowItems = Math.ceil(m / mcBlock) * batch;
    const columnBlocksWanted = Math.ceil((ITEMS_PER_THREAD * threads) / rowItems);
    if (columnBlocksWanted > 1) {
      const splitWidth = Math.max(MIN_SPLIT_COLUMNS, roundUp(Math.ceil(n / columnBlocksWanted), 8));
      ncBlock = Math.min(ncBlock, splitWidth);
    }
    planThreads = Math.min(threads, rowItems * Math.ceil(n / ncBlock));
  }
  return {
    threads: planThreads,
    mcBlock,
    kcBlock,
    ncBlock,
    scratchBytes: TILE_SCRATCH_BYTES + 4 * mcBlock * kcBlock + 4 * depth * ncBlock,
  };
}
