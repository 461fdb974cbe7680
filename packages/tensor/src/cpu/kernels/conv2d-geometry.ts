import type { Conv2dAttributes } from '../../core/kernel-contracts';
import type { Shape } from '../../core/shape';

/** Every size a 2-D convolution kernel needs, from the NCHW input, OIHW filter and NCHW output shapes. */
export interface Conv2dGeometry {
  batch: number;
  channels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  outH: number;
  outW: number;
  groups: number;
  /** Input channels per group (the filter's second axis). */
  groupChannels: number;
  /** Output channels per group. */
  groupOutChannels: number;
  strideH: number;
  strideW: number;
  padH: number;
  padW: number;
  dilationH: number;
  dilationW: number;
  /** Rows of one group's column matrix: groupChannels * kernelH * kernelW. */
  groupDepth: number;
  /** Columns of the column matrix: outH * outW. */
  positions: number;
}

/** The geometry of a convolution with the given input, filter and output shapes. */
export function conv2dGeometry(input: Shape, filter: Shape, output: Shape, attributes: Conv2dAttributes): Conv2dGeometry {
  const [batch, channels, height, width] = input as [number, number, number, number];
  const [outChannels, groupChannels, kernelH, kernelW] = filter as [number, number, number, number];
  const [, , outH, outW] = output as [number, number, number, number];
  const { groups } = attributes;
  return {
    batch,
    channels,
    height,
    width,
    outChannels,
    kernelH,
    kernelW,
    outH,
    outW,
    groups,
    groupChannels,
    groupOutChannels: outChannels / groups,
    strideH: attributes.stride[0],
    strideW: attributes.stride[1],
    padH: attributes.padding[0],
    padW: attributes.padding[1],
    dilationH: attributes.dilation[0],
    dilationW: attributes.dilation[1],
    groupDepth: groupChannels * kernelH * kernelW,
    positions: outH * outW,
  };
}

/** Whether the convolution is a plain matrix product per image (1x1 filter, stride 1, no padding). */
export function isPointwise(geometry: Conv2dGeometry): boolean {
  return (
    geometry.kernelH === 1 &&
    geometry.kernelW === 1 &&
    geometry.strideH === 1 &&
    geometry.strideW === 1 &&
    geometry.padH === 0 &&
    geometry.padW === 0
  );
}

/** Column-matrix bytes above which im2col works on fewer images at a time. */
const COLUMN_BUDGET_BYTES = 32 * 1024 * 1024;

/** Images per im2col chunk so that one chunk's column matrix stays within the budget (at least 1). */
export function imagesPerChunk(geometry: Conv2dGeometry): number {
  const bytesPerImage = 4 * geometry.groups * geometry.groupDepth * geometry.positions;
  return Math.max(1, Math.min(geometry.batch, Math.floor(COLUMN_BUDGET_BYTES / Math.max(bytesPerImage, 1))));
}

/** The im2col/col2im parameters of `images` images starting at the given byte offsets. */
export function im2colParams(geometry: Conv2dGeometry, input: number, col: number, images: number) {
  return {
    input,
    col,
    batch: images,
    channels: geometry.channels,
    height: geometry.height,
    width: geometry.width,
    kernelH: geometry.kernelH,
    kernelW: geometry.kernelW,
    padH: geometry.padH,
    padW: geometry.padW,
    strideH: geometry.strideH,
    strideW: geometry.strideW,
    dilationH: geometry.dilationH,
    dilationW: geometry.dilationW,
  };
}
