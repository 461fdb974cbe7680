import { type AnyModule, Linear, ReLU, type Tensor, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import type { InitConfigInput } from '../../init/init-config';
import { firstFeature } from '../utils/as-feature-list';
import { poolAndFlatten } from './pool-and-flatten';

/** The options of {@link NonLinearNeck}, as MMPretrain's. */
export interface NonLinearNeckOptions {
  in_channels: number;
  hid_channels: number;
  out_channels: number;
  /** The number of fc layers. Default 2. */
  num_layers?: number;
  /** Biases in the fc layers but the last. Default false. */
  with_bias?: boolean;
  /** A norm after the last fc. Default true. */
  with_last_bn?: boolean;
  /** Learnable affine parameters in the last norm (false for SimSiam). Default true. */
  with_last_bn_affine?: boolean;
  /** A bias in the last fc. Default false. */
  with_last_bias?: boolean;
  /** Average the backbone's feature map first. Default true. */
  with_avg_pool?: boolean;
  /**
   * MMPretrain's switch for the old ViT output (a tuple of patch and class tokens); ViT backbones
   * here return one tensor per output index (`out_type`), so only false is accepted.
   */
  vit_backbone?: boolean;
  /** Default `{ type: 'SyncBN' }` (a BatchNorm over the batch, as on one device). */
  norm_cfg?: LayerConfig;
  /** Default: BatchNorm and GroupNorm weights set to 1. */
  init_cfg?: InitConfigInput;
}

/**
 * MMPretrain's `NonLinearNeck` (SimCLR, BYOL, SimSiam projectors and predictors):
 * `fc0-bn0-[relu-fc1-bn1]...` on the pooled, flattened last-stage feature (`num_layers` fc layers,
 * the repeated part once by default), with MMPretrain's state-dict names `fc0`, `bn0`, `fc1`, ...
 * Returns a one-tensor list.
 */
export class NonLinearNeck extends BaseModule<[Tensor[]], Tensor[]> {
  readonly withAvgPool: boolean;
  readonly relu: ReLU;
  readonly fc0: Linear;
  readonly bn0: AnyModule;
  /** The fc layers after the first, with their norms (null where there is none). */
  readonly layers: Array<{ fc: Linear; bn: AnyModule | null }> = [];

  constructor(options: NonLinearNeckOptions) {
    super(options.init_cfg === undefined ? [{ type: 'Constant', val: 1, layer: ['_BatchNorm', 'GroupNorm'] }] : options.init_cfg);
    if (options.vit_backbone) {
      throw new Error('NonLinearNeck: vit_backbone is for the old tuple output of ViT; use a ViT with out_type "cls_token" (or "avg_featmap") and with_avg_pool false instead');
    }
    const numLayers = options.num_layers ?? 2;
    if (!Number.isInteger(numLayers) || numLayers < 1) throw new RangeError(`NonLinearNeck: num_layers must be a positive integer, got ${numLayers}`);
    const withBias = options.with_bias ?? false;
    const normConfig = options.norm_cfg ?? { type: 'SyncBN' };
    this.withAvgPool = options.with_avg_pool ?? true;
    this.relu = this.registerModule('relu', new ReLU());
    this.fc0 = this.registerModule('fc0', new Linear(options.in_channels, options.hid_channels, { bias: withBias }));
    this.bn0 = this.registerModule('bn0', buildVectorNorm(normConfig, options.hid_channels));
    for (let index = 1; index < numLayers; index++) {
      const last = index === numLayers - 1;
      const channels = last ? options.out_channels : options.hid_channels;
      const fc = this.registerModule(`fc${index}`, new Linear(options.hid_channels, channels, { bias: last ? (options.with_last_bias ?? false) : withBias }));
      let bn: AnyModule | null = null;
      if (!last) bn = buildVectorNorm(normConfig, channels);
      else if (options.with_last_bn ?? true) bn = buildVectorNorm({ ...normConfig, affine: options.with_last_bn_affine ?? true }, channels);
      if (bn) this.registerModule(`bn${index}`, bn);
      this.layers.push({ fc, bn });
    }
  }

  forward(inputs: Tensor[]): Tensor[] {
    if (inputs.length !== 1) throw new RangeError(`NonLinearNeck: expected one feature (out_indices of one stage), got ${inputs.length}`);
    const input = firstFeature(inputs, 'NonLinearNeck');
    return [
      tidy(() => {
        let x = this.bn0.forward(this.fc0.forward(poolAndFlatten(input, this.withAvgPool, 'NonLinearNeck'))) as Tensor;
        for (const { fc, bn } of this.layers) {
          x = fc.forward(this.relu.forward(x));
          if (bn) x = bn.forward(x) as Tensor;
        }
        return x;
      }),
    ];
  }
}

/**
 * A norm over `[N, C]` vectors: `SyncBN` (MMCV's SyncBatchNorm accepts 2-D inputs) becomes a
 * BatchNorm1d with the same state-dict names; other types are built as configured.
 */
export function buildVectorNorm(config: LayerConfig, channels: number): AnyModule {
  const type = config.type === 'SyncBN' ? 'BN1d' : config.type;
  return buildNormLayer({ ...config, type }, channels)[1];
}
