import { type Parameter, type Tensor, full, mul, reshape } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';

/** How {@link LayerScale} finds the channels: the last axis, or axis 1 of NCHW maps. */
export type LayerScaleDataFormat = 'channels_last' | 'channels_first';

/**
 * MMPretrain's (and MMCV's) `LayerScale` (https://arxiv.org/abs/2103.17239): multiplies each
 * channel by a learned `weight`, initialised to `layer_scale_init_value`.
 *
 * @example
 * const scale = new LayerScale(768, 1e-5);
 * const y = scale.forward(tokens); // tokens: [B, N, 768]
 */
export class LayerScale extends BaseModule {
  readonly dataFormat: LayerScaleDataFormat;
  readonly weight: Parameter;

  constructor(dim: number, layerScaleInitValue = 1e-5, dataFormat: LayerScaleDataFormat = 'channels_last') {
    super();
    if (dataFormat !== 'channels_last' && dataFormat !== 'channels_first') {
      throw new RangeError(`LayerScale: data_format must be "channels_last" or "channels_first", got "${String(dataFormat)}"`);
    }
    this.dataFormat = dataFormat;
    this.weight = this.registerParameter('weight', full([dim], layerScaleInitValue));
  }

  forward(x: Tensor): Tensor {
    return this.dataFormat === 'channels_first' ? mul(x, reshape(this.weight, [-1, 1, 1])) : mul(x, this.weight);
  }
}
