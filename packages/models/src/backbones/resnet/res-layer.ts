import { type AnyModule, AvgPool2d, Sequential } from '@mmpt/tensor';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { BlockOptions } from './block-options';

/** A residual block class: BasicBlock or Bottleneck (or a plugin's block with the same constructor). */
export type BlockClass = new (options: BlockOptions) => AnyModule & { outChannels: number };

/** The options of {@link makeResLayer}. */
export interface ResLayerOptions extends Omit<BlockOptions, 'downsample' | 'stride' | 'drop_path_rate'> {
  block: BlockClass;
  num_blocks: number;
  stride?: number;
  /** Downsample with an average pool before the 1x1 conv (ResNetV1d). */
  avg_down?: boolean;
  /** The drop-path rate of every block, or one per block. */
  drop_path_rate?: number | number[];
}

/**
 * MMPretrain's `ResLayer`: `num_blocks` blocks in a Sequential, the first with the stride and a
 * 1x1 conv + norm downsample (after an average pool when `avg_down`) where the shape changes.
 */
export function makeResLayer(options: ResLayerOptions): Sequential {
  const { block: Block, num_blocks: numBlocks, avg_down: avgDown, drop_path_rate: dropPath, ...blockOptions } = options;
  const rates = Array.isArray(dropPath) ? dropPath : new Array<number>(numBlocks).fill(dropPath ?? 0);
  if (rates.length !== numBlocks) throw new RangeError(`ResLayer: ${rates.length} drop_path_rate values for ${numBlocks} blocks`);
  const stride = options.stride ?? 1;
  let downsample: AnyModule | null = null;
  if (stride !== 1 || options.in_channels !== options.out_channels) {
    const layers: AnyModule[] = [];
    let convStride = stride;
    if (avgDown && stride !== 1) {
      convStride = 1;
      layers.push(new AvgPool2d(stride, { stride, ceilMode: true, countIncludePad: false }));
    }
    layers.push(buildConvLayer(options.conv_cfg, options.in_channels, options.out_channels, 1, { stride: convStride, bias: false }));
    layers.push(buildNormLayer(options.norm_cfg ?? { type: 'BN' }, options.out_channels)[1]);
    downsample = new Sequential(...(layers as ConstructorParameters<typeof Sequential>));
  }
  const blocks: AnyModule[] = [new Block({ ...blockOptions, stride, downsample, drop_path_rate: rates[0] ?? 0 })];
  for (let index = 1; index < numBlocks; index++) {
    blocks.push(new Block({ ...blockOptions, in_channels: options.out_channels, stride: 1, downsample: null, drop_path_rate: rates[index] ?? 0 }));
  }
  return new Sequential(...(blocks as ConstructorParameters<typeof Sequential>));
}
