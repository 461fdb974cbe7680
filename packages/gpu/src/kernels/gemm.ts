import type { DType } from '@mmpt/tensor';
import type { GpuStorage } from '../runtime/gpu-storage';
import { DIRECT_TILE, GEMM_TILE, type GemmVariant, LARGE_TILE } from './gemm.wgsl';
import { type KernelContext, gridFor } from './kernel-context';
import { reduceWgsl } from './reduce.wgsl';

/** A GEMM-shaped dispatch: sizes, slices (batch or groups), operands and where the result goes. */
export interface GemmLaunch {
  /** Names the operand layout in the pipeline key. */
  readonly key: string;
  readonly wgsl: (variant: GemmVariant) => string;
  readonly m: number;
  readonly n: number;
  readonly k: number;
  /** Independent products (a batch, or convolution groups): the workgroup z index. */
  readonly slices: number;
  /** Operand parameter words (after the GEMM's own). */
  readonly params: readonly number[];
  readonly operands: readonly [GpuStorage, GpuStorage];
  readonly output: GpuStorage;
  readonly outputDtype: DType;
  /** Whether the depth may be split over workgroups (the result is then summed from float32 partials). */
  readonly splittable: boolean;
  /**
   * Where `store_c` writes, for the sum of a split product: the result is `[column block, slice,
   * row, column in block]` with blocks of this many columns (a convolution's image planes, whose
   * columns run over images and positions); default `n`, a plain `[slice, row, column]` result.
   */
  readonly blockColumns?: number;
}

/** Workgroups a GEMM should occupy at least before it splits its depth. */
const TARGET_WORKGROUPS = 64;
/** Least depth one workgroup of a split GEMM sums. */
const MIN_PART_DEPTH = 256;
/**
 * Workgroups of 128×128 tiles a product must fill to take the large variant: enough to occupy
 * a large GPU twice over (an H100 has 132 multiprocessors); smaller products keep 64-column
 * tiles, which spread them over more workgroups.
 */
export const LARGE_TILE_MIN_WORKGROUPS = 256;

/**
 * Records a GEMM: picks the style (direct on software adapters, tiled elsewhere) and the tiled
 * style's tile (128×128 for products of many such tiles, else 64 columns by 16 rows for products
 * of at most 16 rows or 64 rows), splits
 * a deep product with few tiles over the depth (partials summed by a second dispatch), and spreads
 * slices beyond the device's z limit over several dispatches.
 */
export function dispatchGemm(context: KernelContext, launch: GemmLaunch): void {
  const style = context.style === 'software' ? 'direct' : 'tiled';
  const largeTiles = Math.ceil(launch.m / LARGE_TILE.size) * Math.ceil(launch.n / LARGE_TILE.size) * launch.slices;
  const large = style === 'tiled' && launch.m >= LARGE_TILE.size && launch.n >= LARGE_TILE.size && largeTiles >= LARGE_TILE_MIN_WORKGROUPS;
  const rowsPerThread: 1 | 4 | 8 = style !== 'tiled' ? 4 : large ? 8 : launch.m <= 16 ? 1 : 4;
  const tileRows = style === 'direct' ? DIRECT_TILE : large ? LARGE_TILE.size : 16 * rowsPerThread;
  const tileColumns = style === 'direct' ? DIRECT_TILE : large ? LARGE_TILE.size : GEMM_TILE.columns;
  const tilesX = Math.ceil(launch.n / tileColumns);
  const tilesY = Math.ceil(launch.m / tileRows);
  const limit = context.maxWorkgroupsPerDimension;
  if (tilesX > limit || tilesY > limit) throw new RangeError(`${context.kernel}: a ${launch.m}×${launch.n} product exceeds the device's workgroup limits`);
  const tiles = tilesX * tilesY * launch.slices;
  let parts = 1;
  if (launch.splittable && !large && tiles < TARGET_WORKGROUPS && launch.k >= 2 * MIN_PART_DEPTH) {
    parts = Math.min(Math.ceil(TARGET_WORKGROUPS / tiles), Math.floor(launch.k / MIN_PART_DEPTH));
    if (parts * launch.slices > limit) parts = 1;
  }
  const depthPerPart = parts === 1 ? Math.max(launch.k, 1) : Math.ceil(launch.k / parts / GEMM_TILE.depth) * GEMM_TILE.depth;
  if (parts > 1) parts = Math.ceil(launch.k / depthPerPart);
  const blockColumns = Math.max(launch.blockColumns ?? launch.n, 1);
  const variant: GemmVariant = { style, rowsPerThread, splitK: parts > 1 };
  const program = {
    kernel: context.kernel,
    key: `${launch.key}|${style}${style === 'tiled' ? `|r${rowsPerThread}` : ''}${variant.splitK ? '|split' : ''}`,
    storage: ['read', 'read', 'read_write'] as Array<'read' | 'read_write'>,
    wgsl: () => launch.wgsl(variant),
  };
  if (!variant.splitK) {
    for (let first = 0; first < launch.slices; first += limit) {
      const slices = Math.min(limit, launch.slices - first);
      context.dispatch(program, [launch.m, launch.n, launch.k, first, 1, depthPerPart, launch.slices, blockColumns, ...launch.params], [...launch.operands, launch.output], [tilesX, tilesY, slices]);
    }
    return;
  }
  const partial = context.temporary('float32', launch.slices * parts * launch.m * launch.n);
  context.dispatch(program, [launch.m, launch.n, launch.k, 0, parts, depthPerPart, launch.slices, blockColumns, ...launch.params], [...launch.operands, partial], [tilesX, tilesY, launch.slices * parts]);
  // Each part's partials lie in the result's layout: the sum over parts lands in place.
  const outputs = launch.slices * launch.m * launch.n;
  context.dispatch(
    {
      kernel: context.kernel,
      key: `split-sum|${launch.outputDtype}`,
      storage: ['read', 'read_write'],
      wgsl: () => reduceWgsl({ op: 'sum', input: 'float32', output: launch.outputDtype, computeType: 'f32', strategy: 'thread' }),
    },
    [1, parts, outputs],
    [partial, launch.output],
    gridFor(outputs, 256, limit),
  );
  context.release(partial);
}
