import { type AnyModule, DropPath, type Tensor, add, checkpoint, isGradEnabled } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildActivationLayer } from '../../builders/build-activation-layer';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import { chain } from '../../utils/chain';
import type { BlockOptions } from './block-options';

/** The basic residual block of ResNet-18/34 (two 3x3 convolutions), as MMPretrain's. */
export class BasicBlock extends BaseModule {
  static readonly defaultExpansion = 1;
  readonly conv1: AnyModule;
  readonly norm1: AnyModule;
  readonly conv2: AnyModule;
  readonly norm2: AnyModule;
  readonly relu: AnyModule;
  readonly downsample: AnyModule | null;
  readonly dropPath: AnyModule | null;
  readonly outChannels: number;
  readonly withCp: boolean;

  constructor(options: BlockOptions) {
    super();
    const expansion = options.expansion ?? 1;
    const normConfig = options.norm_cfg ?? { type: 'BN' };
    const dilation = options.dilation ?? 1;
    const mid = options.out_channels / expansion;
    if (!Number.isInteger(mid)) throw new RangeError(`BasicBlock: out_channels ${options.out_channels} is not divisible by expansion ${expansion}`);
    this.outChannels = options.out_channels;
    this.withCp = options.with_cp ?? false;
    const [norm1Name, norm1] = buildNormLayer(normConfig, mid, 1);
    const [norm2Name, norm2] = buildNormLayer(normConfig, options.out_channels, 2);
    this.conv1 = this.registerModule('conv1', buildConvLayer(options.conv_cfg, options.in_channels, mid, 3, { stride: options.stride ?? 1, padding: dilation, dilation, bias: false }));
    this.norm1 = this.registerModule(norm1Name, norm1);
    this.conv2 = this.registerModule('conv2', buildConvLayer(options.conv_cfg, mid, options.out_channels, 3, { padding: 1, bias: false }));
    this.norm2 = this.registerModule(norm2Name, norm2);
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
    const residual = chain(x, this.conv1, this.norm1, this.relu, this.conv2, this.norm2, this.dropPath);
    const identity = this.downsample ? (this.downsample.forward(x) as Tensor) : x;
    const sum = add(residual, identity);
    residual.dispose();
    if (identity !== x) identity.dispose();
    return sum;
  }
}
