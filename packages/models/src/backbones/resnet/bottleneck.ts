import { type AnyModule, DropPath, type Tensor, add, checkpoint, isGradEnabled } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildActivationLayer } from '../../builders/build-activation-layer';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import { chain } from '../../utils/chain';
import type { BlockOptions } from './block-options';

/**
 * The bottleneck block of ResNet-50/101/152 (1x1, 3x3, 1x1 convolutions), as MMPretrain's; with
 * `groups` other than 1, the grouped block of ResNeXt (its width is
 * `groups * width_per_group * (out_channels / expansion) / base_channels`).
 */
export class Bottleneck extends BaseModule {
  static readonly defaultExpansion = 4;
  readonly conv1: AnyModule;
  readonly norm1: AnyModule;
  readonly conv2: AnyModule;
  readonly norm2: AnyModule;
  readonly conv3: AnyModule;
  readonly norm3: AnyModule;
  readonly relu: AnyModule;
  readonly downsample: AnyModule | null;
  readonly dropPath: AnyModule | null;
  readonly outChannels: number;
  readonly withCp: boolean;

  constructor(options: BlockOptions) {
    super();
    const expansion = options.expansion ?? 4;
    const normConfig = options.norm_cfg ?? { type: 'BN' };
    const dilation = options.dilation ?? 1;
    const stride = options.stride ?? 1;
    let mid = options.out_channels / expansion;
    if (!Number.isInteger(mid)) throw new RangeError(`Bottleneck: out_channels ${options.out_channels} is not divisible by expansion ${expansion}`);
    const groups = options.groups ?? 1;
    if (groups !== 1) {
      const baseChannels = options.base_channels ?? 64;
      const widthPerGroup = options.width_per_group ?? 4;
      if (mid % baseChannels !== 0) throw new RangeError(`Bottleneck: the width ${mid} is not divisible by base_channels ${baseChannels}`);
      mid = (groups * widthPerGroup * mid) / baseChannels;
    }
    this.outChannels = options.out_channels;
    this.withCp = options.with_cp ?? false;
    const [conv1Stride, conv2Stride] = (options.style ?? 'pytorch') === 'pytorch' ? [1, stride] : [stride, 1];
    const [norm1Name, norm1] = buildNormLayer(normConfig, mid, 1);
    const [norm2Name, norm2] = buildNormLayer(normConfig, mid, 2);
    const [norm3Name, norm3] = buildNormLayer(normConfig, options.out_channels, 3);
    this.conv1 = this.registerModule('conv1', buildConvLayer(options.conv_cfg, options.in_channels, mid, 1, { stride: conv1Stride, bias: false }));
    this.norm1 = this.registerModule(norm1Name, norm1);
    this.conv2 = this.registerModule('conv2', buildConvLayer(options.conv_cfg, mid, mid, 3, { stride: conv2Stride, padding: dilation, dilation, groups, bias: false }));
    this.norm2 = this.registerModule(norm2Name, norm2);
    this.conv3 = this.registerModule('conv3', buildConvLayer(options.conv_cfg, mid, options.out_channels, 1, { bias: false }));
    this.norm3 = this.registerModule(norm3Name, norm3);
    this.relu = this.registerModule('relu', buildActivationLayer(options.act_cfg ?? { type: 'ReLU' }));
    this.downsample = this.registerModule('downsample', options.downsample ?? null);
    const dropPathRate = options.drop_path_rate ?? 0;
    this.dropPath = this.registerModule('drop_path', dropPathRate > 1e-5 ? new DropPath(dropPathRate) : null);
  }

  forward(x: Tensor): Tensor {
    // As MMPretrain: checkpointed only when the input takes part in a recorded graph.
    const sum = this.withCp && x.requiresGrad && isGradEnabled() ? checkpoint((input) => this.innerForward(input), [x]) : this.innerForward(x);
    const out = this.relu.forward(sum) as Tensor;
    sum.dispose();
    return out;
  }

  /** The residual branch plus the shortcut, before the last activation (what `with_cp` recomputes). */
  protected innerForward(x: Tensor): Tensor {
    const residual = chain(x, this.conv1, this.norm1, this.relu, this.conv2, this.norm2, this.relu, this.conv3, this.norm3, this.dropPath);
    const identity = this.downsample ? (this.downsample.forward(x) as Tensor) : x;
    const sum = add(residual, identity);
    residual.dispose();
    if (identity !== x) identity.dispose();
    return sum;
  }
}
