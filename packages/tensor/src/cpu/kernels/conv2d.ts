import type { Conv2dAttributes } from '../../core/kernel-contracts';
import type { CpuKernel, CpuKernelContext } from '../cpu-tensor';
import { type Conv2dGeometry, conv2dGeometry, im2colParams, imagesPerChunk, isPointwise } from './conv2d-geometry';
import { depthwiseConv2d, depthwiseConv2dBackwardFilter, depthwiseConv2dBackwardInput } from './depthwise-conv2d';
import { usesWideColumns, wideConv2d, wideConv2dBackwardFilter, wideConv2dBackwardInput } from './conv2d-wide';

/** Depthwise-style convolutions (one input channel per group) run as direct loops, not GEMMs. */
function isDepthwise(geometry: Conv2dGeometry): boolean {
  return geometry.groupChannels === 1 && geometry.groups > 1;
}

/** Runs `body` with a scratch column buffer for `imagesPerChunk` images, freed afterwards. */
function withColumns(geometry: Conv2dGeometry, { compute }: CpuKernelContext, body: (col: number, chunk: number) => void): void {
  const chunk = imagesPerChunk(geometry);
  const col = compute.heap.allocate(4 * chunk * geometry.groups * geometry.groupDepth * geometry.positions);
  try {
    body(col, chunk);
  } finally {
    compute.heap.free(col);
  }
}

/**
 * NCHW convolution with an OIHW filter: im2col of a chunk of images, then one batched GEMM per
 * group (`filter_g · columns_g`); a 1x1 stride-1 unpadded convolution is a direct GEMM,
 * depthwise filters run as direct loops, and convolutions with few output positions per image
 * take the wide-column path (`conv2d-wide.ts`).
 */
export const conv2dKernel: CpuKernel<Conv2dAttributes> = ([input, filter], [output], attributes, context) => {
  const x = input!;
  const w = filter!;
  const y = output!;
  const geometry = conv2dGeometry(x.shape, w.shape, y.shape, attributes);
  if (isDepthwise(geometry)) {
    depthwiseConv2d(x.data as Float32Array, w.data as Float32Array, y.data as Float32Array, geometry);
    return;
  }
  const { compute } = context;
  const { batch, channels, outChannels, groups, groupChannels, groupOutChannels, groupDepth, positions } = geometry;
  if (isPointwise(geometry)) {
    for (let group = 0; group < groups; group++) {
      compute.gemm({
        a: w.offset + 4 * group * groupOutChannels * groupChannels,
        b: x.offset + 4 * group * groupChannels * positions,
        c: y.offset + 4 * group * groupOutChannels * positions,
        m: groupOutChannels,
        n: positions,
        k: groupChannels,
        batch,
        strideA: 0,
        strideB: channels * positions,
        strideC: outChannels * positions,
      });
    }
    return;
  }
  if (usesWideColumns(geometry)) {
    wideConv2d(x, w, y, geometry, context);
    return;
  }
  const imageElements = channels * geometry.height * geometry.width;
  const columnElements = groups * groupDepth * positions;
  withColumns(geometry, context, (col, chunk) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      compute.im2col(im2colParams(geometry, x.offset + 4 * first * imageElements, col, images));
      for (let group = 0; group < groups; group++) {
        compute.gemm({
          a: w.offset + 4 * group * groupOutChannels * groupDepth,
          b: col + 4 * group * groupDepth * positions,
          c: y.offset + 4 * (first * outChannels + group * groupOutChannels) * positions,
          m: groupOutChannels,
          n: positions,
          k: groupDepth,
          batch: images,
          strideA: 0,
          strideB: columnElements,
          strideC: outChannels * positions,
        });
      }
    }
  });
};

/**
 * The gradient of conv2d with respect to its input (inputs: grad output, filter): per group
 * `filter_gᵀ · gradOutput_g` into a column matrix, then col2im adds it back into the image.
 */
export const conv2dBackwardInputKernel: CpuKernel<Conv2dAttributes> = ([gradOutput, filter], [gradInput], attributes, context) => {
  const dy = gradOutput!;
  const w = filter!;
  const dx = gradInput!;
  const geometry = conv2dGeometry(dx.shape, w.shape, dy.shape, attributes);
  if (isDepthwise(geometry)) {
    depthwiseConv2dBackwardInput(dy.data as Float32Array, w.data as Float32Array, dx.data as Float32Array, geometry);
    return;
  }
  const { compute } = context;
  const { batch, channels, outChannels, groups, groupChannels, groupOutChannels, groupDepth, positions } = geometry;
  if (isPointwise(geometry)) {
    for (let group = 0; group < groups; group++) {
      compute.gemm({
        a: w.offset + 4 * group * groupOutChannels * groupChannels,
        b: dy.offset + 4 * group * groupOutChannels * positions,
        c: dx.offset + 4 * group * groupChannels * positions,
        m: groupChannels,
        n: positions,
        k: groupOutChannels,
        transA: true,
        lda: groupChannels,
        batch,
        strideA: 0,
        strideB: outChannels * positions,
        strideC: channels * positions,
      });
    }
    return;
  }
  if (usesWideColumns(geometry)) {
    wideConv2dBackwardInput(dy, w, dx, geometry, context);
    return;
  }
  dx.data.fill(0);
  const imageElements = channels * geometry.height * geometry.width;
  const columnElements = groups * groupDepth * positions;
  withColumns(geometry, context, (col, chunk) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      for (let group = 0; group < groups; group++) {
        compute.gemm({
          a: w.offset + 4 * group * groupOutChannels * groupDepth,
          b: dy.offset + 4 * (first * outChannels + group * groupOutChannels) * positions,
          c: col + 4 * group * groupDepth * positions,
          m: groupDepth,
          n: positions,
          k: groupOutChannels,
          transA: true,
          lda: groupDepth,
          batch: images,
          strideA: 0,
          strideB: outChannels * positions,
          strideC: columnElements,
        });
      }
      compute.col2im(im2colParams(geometry, dx.offset + 4 * first * imageElements, col, images));
    }
  });
};

/**
 * The gradient of conv2d with respect to its filter (inputs: input, grad output): per image and
 * group `gradOutput_g · columns_gᵀ`, accumulated over the batch.
 */
export const conv2dBackwardFilterKernel: CpuKernel<Conv2dAttributes> = ([input, gradOutput], [gradFilter], attributes, context) => {
  const x = input!;
  const dy = gradOutput!;
  const dw = gradFilter!;
  const geometry = conv2dGeometry(x.shape, dw.shape, dy.shape, attributes);
  if (isDepthwise(geometry)) {
    depthwiseConv2dBackwardFilter(x.data as Float32Array, dy.data as Float32Array, dw.data as Float32Array, geometry);
    return;
  }
  const { compute } = context;
  const { batch, channels, outChannels, groups, groupChannels, groupOutChannels, groupDepth, positions } = geometry;
  if (batch === 0 || positions === 0) {
    dw.data.fill(0);
    return;
  }
  if (isPointwise(geometry)) {
    for (let image = 0; image < batch; image++) {
      for (let group = 0; group < groups; group++) {
        compute.gemm({
          a: dy.offset + 4 * (image * outChannels + group * groupOutChannels) * positions,
          b: x.offset + 4 * (image * channels + group * groupChannels) * positions,
          c: dw.offset + 4 * group * groupOutChannels * groupChannels,
          m: groupOutChannels,
          n: groupChannels,
          k: positions,
          transB: true,
          ldb: positions,
          beta: image === 0 ? 0 : 1,
        });
      }
    }
    return;
  }
  if (usesWideColumns(geometry)) {
    wideConv2dBackwardFilter(x, dy, dw, geometry, context);
    return;
  }
  const imageElements = channels * geometry.height * geometry.width;
  const columnElements = groups * groupDepth * positions;
  withColumns(geometry, context, (col, chunk) => {
    for (let first = 0; first < batch; first += chunk) {
      const images = Math.min(chunk, batch - first);
      compute.im2col(im2colParams(geometry, x.offset + 4 * first * imageElements, col, images));
      for (let index = 0; index < images; index++) {
        const image = first + index;
        for (let group = 0; group < groups; group++) {
          compute.gemm({
            a: dy.offset + 4 * (image * outChannels + group * groupOutChannels) * positions,
            b: col + 4 * (index * columnElements + group * groupDepth * positions),
            c: dw.offset + 4 * group * groupOutChannels * groupDepth,
            m: groupOutChannels,
            n: groupDepth,
            k: positions,
            transB: true,
            ldb: positions,
            beta: image === 0 ? 0 : 1,
          });
        }
      }
    }
  });
};
