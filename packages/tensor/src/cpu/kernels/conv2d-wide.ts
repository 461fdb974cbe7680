import type { CpuKernelContext, CpuTensor } from '../cpu-tensor';
import { type Conv2dGeometry, im2colParams } from './conv2d-geometry';

/**
 * Convolutions with few output positions per image (the late stages of a network: 8x8, 4x4) make
 * poor per-image GEMMs: the filter is re-read for every image, and the filter gradient becomes a
 * sum of rank-`positions` updates that rewrites the whole gradient once per image. This path lays
 * the columns of a chunk of images side by side (`[depth, images · positions]`, one matrix for the
 * chunk), so that each pass is a single wide GEMM; the layout changes are plain copies.
 */

/** Positions per image below which the wide layout is used. */
const WIDE_MAX_POSITIONS = 64;
/** Bytes of one chunk's column matrix (the wide copy and the GEMM output take as much again). */
const WIDE_BUDGET_BYTES = 24 * 1024 * 1024;

/** Whether a convolution takes the wide-column path. */
export function usesWideColumns(geometry: Conv2dGeometry): boolean {
  return geometry.groups === 1 && geometry.positions < WIDE_MAX_POSITIONS && geometry.batch > 1;
}

/** Images per chunk of the wide path, so that its column matrix stays within the budget (at least 1). */
export function imagesPerWideChunk(geometry: Conv2dGeometry): number {
  const rows = Math.max(geometry.groupDepth, geometry.outChannels);
  const bytesPerImage = 4 * rows * geometry.positions;
  return Math.max(1, Math.min(geometry.batch, Math.floor(WIDE_BUDGET_BYTES / Math.max(bytesPerImage, 1))));
}

/**
 * `[images, rows, positions]` at `source` to `[rows, images · positions]` at `target` (element
 * offsets in `heap`), or back when `toWide` is false.
 */
function relayout(heap: Float32Array, source: number, target: number, images: number, rows: number, positions: number, toWide: boolean): void {
  const wideRow = images * positions;
  for (let image = 0; image < images; image++) {
    for (let row = 0; row < rows; row++) {
      const stacked = (image * rows + row) * positions;
      const wide = row * wideRow + image * positions;
      if (toWide) {
        for (let p = 0, from = source + stacked, to = target + wide; p < positions; p++) heap[to + p] = heap[from + p] as number;
      } else {
        for (let p = 0, from = source + wide, to = target + stacked; p < positions; p++) heap[to + p] = heap[from + p] as number;
      }
    }
  }
}

/** Runs `body` with scratch blocks of the given float counts (byte offsets), freed afterwards. */
function withScratch(context: CpuKernelContext, floats: readonly number[], body: (offsets: number[]) => void): void {
  const heap = context.compute.heap;
  const offsets: number[] = [];
  try {
    for (const count of floats) offsets.push(heap.allocate(4 * Math.max(count, 1)));
    body(offsets);
  } finally {
    for (const offset of offsets) heap.free(offset);
  }
}

/** The whole heap as floats (taken after allocations, which may grow the memory). */
function heapFloats(context: CpuKernelContext): Float32Array {
  const heap = context.compute.heap;
  return heap.float32(0, heap.capacity / 4);
}

/** Forward convolution through wide columns: `y = W · columns` per chunk of images. */
export function wideConv2d(x: CpuTensor, w: CpuTensor, y: CpuTensor, geometry: Conv2dGeometry, context: CpuKernelContext): void {
  const { batch, channels, outChannels, groupDepth, positions } = geometry;
  const chunk = imagesPerWideChunk(geometry);
  const imageElements = channels * geometry.height * geometry.width;
  withScratch(context, [chunk * groupDepth * positions, chunk * groupDepth * positions, chunk * outChannels * positions], ([col, wide, out]) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      context.compute.im2col(im2colParams(geometry, x.offset + 4 * first * imageElements, col as number, images));
      const heap = heapFloats(context);
      relayout(heap, (col as number) / 4, (wide as number) / 4, images, groupDepth, positions, true);
      context.compute.gemm({ a: w.offset, b: wide as number, c: out as number, m: outChannels, n: images * positions, k: groupDepth });
      relayout(heapFloats(context), (out as number) / 4, y.offset / 4 + first * outChannels * positions, images, outChannels, positions, false);
    }
  });
}

/** Input gradient through wide columns: `columns = Wᵀ · gradOutput` per chunk, then col2im. */
export function wideConv2dBackwardInput(dy: CpuTensor, w: CpuTensor, dx: CpuTensor, geometry: Conv2dGeometry, context: CpuKernelContext): void {
  const { batch, channels, outChannels, groupDepth, positions } = geometry;
  const chunk = imagesPerWideChunk(geometry);
  const imageElements = channels * geometry.height * geometry.width;
  dx.data.fill(0);
  withScratch(context, [chunk * outChannels * positions, chunk * groupDepth * positions, chunk * groupDepth * positions], ([wideGrad, wide, col]) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      relayout(heapFloats(context), dy.offset / 4 + first * outChannels * positions, (wideGrad as number) / 4, images, outChannels, positions, true);
      context.compute.gemm({ a: w.offset, b: wideGrad as number, c: wide as number, m: groupDepth, n: images * positions, k: outChannels, transA: true, lda: groupDepth });
      relayout(heapFloats(context), (wide as number) / 4, (col as number) / 4, images, groupDepth, positions, false);
      context.compute.col2im(im2colParams(geometry, dx.offset + 4 * first * imageElements, col as number, images));
    }
  });
}

/** Filter gradient through wide columns: `dW += gradOutput · columnsᵀ` per chunk, one GEMM each. */
export function wideConv2dBackwardFilter(x: CpuTensor, dy: CpuTensor, dw: CpuTensor, geometry: Conv2dGeometry, context: CpuKernelContext): void {
  const { batch, channels, outChannels, groupDepth, positions } = geometry;
  const chunk = imagesPerWideChunk(geometry);
  const imageElements = channels * geometry.height * geometry.width;
  withScratch(context, [chunk * groupDepth * positions, chunk * groupDepth * positions, chunk * outChannels * positions], ([col, wide, wideGrad]) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      context.compute.im2col(im2colParams(geometry, x.offset + 4 * first * imageElements, col as number, images));
      const heap = heapFloats(context);
      relayout(heap, (col as number) / 4, (wide as number) / 4, images, groupDepth, positions, true);
      relayout(heap, dy.offset / 4 + first * outChannels * positions, (wideGrad as number) / 4, images, outChannels, positions, true);
      context.compute.gemm({
        a: wideGrad as number,
        b: wide as number,
        c: dw.offset,
        m: outChannels,
        n: groupDepth,
        k: images * positions,
        transB: true,
        ldb: images * positions,
        beta: first === 0 ? 0 : 1,
      });
    }
  });
}
