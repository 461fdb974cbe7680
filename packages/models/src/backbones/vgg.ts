import { type AnyModule, Dropout, Linear, MaxPool2d, ReLU, Sequential, type Tensor, flatten, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import { ConvModule } from '../builders/conv-module';
import type { LayerConfig } from '../builders/layer-config';
import type { InitConfigInput } from '../init/init-config';
import { evalNorms, freezeModules } from '../utils/freeze';

/** The options of {@link VGG}, as MMPretrain's. */
export interface VGGOptions {
  depth: 11 | 13 | 16 | 19;
  /** Classes of the built-in classifier (three Linear layers); -1 (default) for none. */
  num_classes?: number;
  num_stages?: number;
  dilations?: number[];
  /** Default [4] without the classifier, [5] (the class scores) with it. */
  out_indices?: number[];
  frozen_stages?: number;
  conv_cfg?: LayerConfig | null;
  /** `{ type: 'BN' }` for the batch-normalised variants (vgg16bn); none by default. */
  norm_cfg?: LayerConfig | null;
  act_cfg?: LayerConfig;
  norm_eval?: boolean;
  ceil_mode?: boolean;
  with_last_pool?: boolean;
  init_cfg?: InitConfigInput;
}

/** Convolutions per stage, by depth (MMPretrain's `arch_settings`). */
const ARCH_SETTINGS: Record<number, number[]> = { 11: [1, 1, 2, 2, 2], 13: [2, 2, 2, 2, 2], 16: [2, 2, 3, 3, 3], 19: [2, 2, 4, 4, 4] };

/**
 * VGG (https://arxiv.org/abs/1409.1556), as MMPretrain's `VGG`: `features` is one Sequential of
 * 3x3 ConvModules (with biases, and BN with `norm_cfg`) and max pools, and `classifier` the three
 * Linear layers when `num_classes > 0`.
 */
export class VGG extends BaseModule<[Tensor], Tensor[]> {
  readonly numClasses: number;
  readonly outIndices: number[];
  readonly frozenStages: number;
  readonly normEval: boolean;
  readonly features: Sequential;
  readonly classifier: Sequential | null;
  /** The `[start, end)` indices into `features` of each stage. */
  readonly stageRanges: Array<[number, number]> = [];

  constructor(options: VGGOptions) {
    super(
      options.init_cfg === undefined
        ? [
            { type: 'Kaiming', layer: ['Conv2d'] },
            { type: 'Constant', val: 1, layer: ['_BatchNorm'] },
            { type: 'Normal', std: 0.01, layer: ['Linear'] },
          ]
        : options.init_cfg,
    );
    const settings = ARCH_SETTINGS[options.depth];
    if (!settings) throw new RangeError(`VGG: invalid depth ${options.depth}; choose one of 11, 13, 16, 19`);
    const numStages = options.num_stages ?? 5;
    if (numStages < 1 || numStages > 5) throw new RangeError(`VGG: num_stages must be 1 to 5, got ${numStages}`);
    const dilations = options.dilations ?? [1, 1, 1, 1, 1];
    if (dilations.length !== numStages) throw new RangeError(`VGG: ${dilations.length} dilations for ${numStages} stages`);
    this.numClasses = options.num_classes ?? -1;
    this.frozenStages = options.frozen_stages ?? -1;
    this.normEval = options.norm_eval ?? false;
    this.outIndices = options.out_indices ?? [this.numClasses > 0 ? 5 : 4];
    if (Math.max(...this.outIndices) > numStages) throw new RangeError(`VGG: out_indices ${JSON.stringify(this.outIndices)} exceed ${numStages} stages`);
    const layers: AnyModule[] = [];
    let channels = 3;
    for (const [stage, blocks] of settings.slice(0, numStages).entries()) {
      const start = layers.length;
      const outChannels = stage < 4 ? 64 * 2 ** stage : 512;
      const dilation = dilations[stage] as number;
      for (let block = 0; block < blocks; block++) {
        layers.push(
          new ConvModule(channels, outChannels, 3, {
            dilation,
            padding: dilation,
            bias: true,
            conv_cfg: options.conv_cfg ?? null,
            norm_cfg: options.norm_cfg ?? null,
            act_cfg: options.act_cfg ?? { type: 'ReLU' },
          }),
        );
        channels = outChannels;
      }
      layers.push(new MaxPool2d(2, { stride: 2, ceilMode: options.ceil_mode ?? false }));
      this.stageRanges.push([start, layers.length]);
    }
    if (!(options.with_last_pool ?? true)) {
      layers.pop();
      (this.stageRanges[this.stageRanges.length - 1] as [number, number])[1] -= 1;
    }
    this.features = this.registerModule('features', new Sequential(...(layers as ConstructorParameters<typeof Sequential>)));
    this.classifier = this.registerModule(
      'classifier',
      this.numClasses > 0 ? new Sequential(new Linear(512 * 7 * 7, 4096), new ReLU(), new Dropout(), new Linear(4096, 4096), new ReLU(), new Dropout(), new Linear(4096, this.numClasses)) : null,
    );
  }

  forward(x: Tensor): Tensor[] {
    return tidy(() => {
      let current = x;
      const outs: Tensor[] = [];
      for (const [stage, [start, end]] of this.stageRanges.entries()) {
        for (let index = start; index < end; index++) current = this.features.get(index).forward(current);
        if (this.outIndices.includes(stage)) outs.push(current);
      }
      if (this.classifier) outs.push(this.classifier.forward(flatten(current, 1)));
      return outs;
    });
  }

  override train(mode = true): this {
    super.train(mode);
    const frozen: AnyModule[] = [];
    for (const [start, end] of this.stageRanges.slice(0, Math.max(this.frozenStages, 0))) for (let index = start; index < end; index++) frozen.push(this.features.get(index));
    freezeModules(frozen);
    if (mode && this.normEval) evalNorms(this);
    return this;
  }
}
