import { Conv2d } from '@mmpt/tensor';
import { Conv2dAdaptivePadding } from '../layers/conv2d-adaptive-padding';
import type { LayerConfig } from './layer-config';

/** The options of a convolution built by {@link buildConvLayer}, as PyTorch's `nn.Conv2d`. */
export interface ConvLayerOptions {
  stride?: number | [number, number];
  padding?: number | [number, number];
  dilation?: number | [number, number];
  groups?: number;
  bias?: boolean;
}

/**
 * MMCV's `build_conv_layer`: a convolution from `conv_cfg` (`null` or `{ type: 'Conv2d' }`/`'Conv'`
 * both give `Conv2d`; `'Conv2dAdaptivePadding'` gives TensorFlow-style "same" padding).
 *
 * @example
 * buildConvLayer(null, 3, 64, 7, { stride: 2, padding: 3, bias: false });
 */
export function buildConvLayer(config: LayerConfig | null | undefined, inChannels: number, outChannels: number, kernelSize: number | [number, number], options: ConvLayerOptions = {}): Conv2d {
  const type = config?.type ?? 'Conv2d';
  if (type === 'Conv2dAdaptivePadding') return new Conv2dAdaptivePadding(inChannels, outChannels, kernelSize, options);
  if (type !== 'Conv2d' && type !== 'Conv') throw new Error(`conv_cfg: unknown type "${type}"; known: Conv2d, Conv, Conv2dAdaptivePadding`);
  return new Conv2d(inChannels, outChannels, kernelSize, options);
}
