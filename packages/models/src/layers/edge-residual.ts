import { DropPath, type Tensor, add, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { ConvModule } from '../builders/conv-module';
import type { LayerConfig } from '../builders/layer-config';
import { SELayer, type SELayerOptions } from './se-layer';

/** The options of {@link EdgeResidual}, as MMPretrain's. */
export interface EdgeResidualOptions {
  in_channels: number;
  out_channels: number;
  mid_channels: number;
  kernel_size?: number;
  stride?: number;
  se_cfg?: SELayerOptions | null;
  with_residual?: boolean;
  conv_cfg?: LayerConfig | null;
  norm_cfg?: LayerConfig;
  act_cfg?: LayerConfig;
  drop_path_rate?: number;
}

/**
 * MMPretrain's `EdgeResidual` (EfficientNet-EdgeTPU): a full `conv1` (kernel_size, stride) to
 * the mid channels, an optional `se`, a linear 1x1 `conv2`, and a shortcut when the shape allows.
 */
export class EdgeResidual extends BaseModule {
  readonly withResidual: boolean;
  readonly conv1: ConvModule;
  readonly se: SELayer | null;
  readonly conv2: ConvModule;
  readonly dropPath: DropPath | null;

  constructor(options: EdgeResidualOptions) {
    super();
    const stride = options.stride ?? 1;
    if (stride !== 1 && stride !== 2) throw new RangeError(`EdgeResidual: stride must be 1 or 2, got ${stride}`);
    const kernel = options.kernel_size ?? 3;
    const norm = options.norm_cfg ?? { type: 'BN' };
    this.withResidual = stride === 1 && options.in_channels === options.out_channels && (options.with_residual ?? true);
    const rate = options.drop_path_rate ?? 0;
    this.dropPath = this.registerModule('drop_path', rate > 0 ? new DropPath(rate) : null);
    this.conv1 = this.registerModule(
      'conv1',
      new ConvModule(options.in_channels, options.mid_channels, kernel, { stride, padding: Math.floor(kernel / 2), conv_cfg: options.conv_cfg ?? null, norm_cfg: norm, act_cfg: options.act_cfg ?? { type: 'ReLU' } }),
    );
    this.se = this.registerModule('se', options.se_cfg ? new SELayer(options.se_cfg) : null);
    this.conv2 = this.registerModule('conv2', new ConvModule(options.mid_channels, options.out_channels, 1, { conv_cfg: null, norm_cfg: norm, act_cfg: null }));
  }

  forward(x: Tensor): Tensor {
    return tidy(() => {
      let out = this.conv1.forward(x);
      if (this.se) out = this.se.forward(out);
      out = this.conv2.forward(out);
      if (!this.withResidual) return out;
      return add(x, this.dropPath ? this.dropPath.forward(out) : out);
    });
  }
}
