
/** The convolution geometry is the tensor package's, shared with the CPU kernels. */
export { conv2dGeometry as convGeometry } from '@mmpt/tensor';
import type { Conv2dGeometry as ConvGeometry } from '@mmpt/tensor';
export type { ConvGeometry };

/**
 * The parameter words of the convolution kernels, from word `first` on (see
 * {@link CONV_PARAMS_WGSL} for their names in WGSL).
 */
export function convParams(geometry: ConvGeometry): number[] {
  const g = geometry;
  return [
    g.batch, g.channels, g.height, g.width, g.outChannels, g.kernelH, g.kernelW, g.outH, g.outW,
    g.groupChannels, g.groupOutChannels, g.strideH, g.strideW, g.padH, g.padW, g.dilationH, g.dilationW,
  ];
}

/** WGSL accessors of the convolution parameters placed at word `first` by {@link convParams}. */
export function convParamsWgsl(first: number): string {
  const names = [
    'batch', 'channels', 'height', 'width', 'out_channels', 'kernel_h', 'kernel_w', 'out_h', 'out_w',
    'group_channels', 'group_out_channels', 'stride_h', 'stride_w', 'pad_h', 'pad_w', 'dilation_h', 'dilation_w',
  ];
  return names.map((name, offset) => `fn ${name}() -> u32 { return pu(${first + offset}u); }`).join('\n');
}

/** Whether the convolution is a plain matrix product per image (1x1 filter, stride 1, no padding). */
export function isPointwise(g: ConvGeometry): boolean {
  return g.kernelH === 1 && g.kernelW === 1 && g.strideH === 1 && g.strideW === 1 && g.padH === 0 && g.padW === 0;
}

/** Whether each group has one input channel (a depthwise convolution, possibly with a channel multiplier). */
export function isDepthwise(g: ConvGeometry): boolean {
  return g.groupChannels === 1 && g.groups > 1;
}
