import type { AnyModule, Tensor } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { chain } from '../utils/chain';
import { buildActivationLayer } from './build-activation-layer';
import { type ConvLayerOptions, buildConvLayer } from './build-conv-layer';
import { buildNormLayer } from './build-norm-layer';
import type { LayerConfig } from './layer-config';

/** The options of {@link ConvModule}, as MMCV's. */
export interface ConvModuleOptions extends Omit<ConvLayerOptions, 'bias'> {
  /** `'auto'` (the default) drops the bias when a norm follows. */
  bias?: boolean | 'auto';
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig | null;
  /** `null` for no activation; ReLU by default. */
  act_cfg?: LayerConfig | null;
}

/**
 * MMCV's `ConvModule`: a convolution, an optional norm and an optional activation, registered as
 * `conv`, the norm's name (`bn`, `gn`, ...) and `activate`.
 */
export class ConvModule extends BaseModule {
  readonly conv: AnyModule;
  readonly norm: AnyModule | null;
  readonly activate: AnyModule | null;

  constructor(inChannels: number, outChannels: number, kernelSize: number | [number, number], options: ConvModuleOptions = {}) {
    super({ type: 'Kaiming', layer: 'Conv2d', nonlinearity: 'relu', mode: 'fan_out', distribution: 'normal' });
    const withNorm = options.norm_cfg !== undefined && options.norm_cfg !== null;
    const bias = options.bias === undefined || options.bias === 'auto' ? !withNorm : options.bias;
    const { conv_cfg: convConfig, norm_cfg: normConfig, act_cfg: actConfig, ...convOptions } = options;
    this.conv = this.registerModule('conv', buildConvLayer(convConfig, inChannels, outChannels, kernelSize, { ...convOptions, bias }));
    if (normConfig) {
      const [name, norm] = buildNormLayer(normConfig, outChannels);
      this.norm = this.registerModule(name, norm);
    } else {
      this.norm = null;
    }
    const activation = actConfig === undefined ? { type: 'ReLU' } : actConfig;
    this.activate = activation ? this.registerModule('activate', buildActivationLayer(activation)) : null;
  }

  forward(x: Tensor): Tensor {
    return chain(x, this.conv, this.norm, this.activate);
  }
}
