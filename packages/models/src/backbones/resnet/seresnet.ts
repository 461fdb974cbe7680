import type { BlockOptions } from './block-options';
import type { BlockClass } from './res-layer';
import { ResNet, type ResNetOptions } from './resnet';
import { SEBottleneck } from './se-bottleneck';

/** The options of {@link SEResNet}: ResNet's, with the SE squeeze ratio. */
export interface SEResNetOptions extends Omit<ResNetOptions, 'depth'> {
  depth: 50 | 101 | 152;
  /** The squeeze ratio of the SE layers (default 16). */
  se_ratio?: number;
}

const SE_ARCH_SETTINGS: Record<number, [BlockClass & { defaultExpansion: number }, number[]]> = {
  50: [SEBottleneck, [3, 4, 6, 3]],
  101: [SEBottleneck, [3, 4, 23, 3]],
  152: [SEBottleneck, [3, 8, 36, 3]],
};

/**
 * SEResNet (https://arxiv.org/abs/1709.01507), as MMPretrain's `SEResNet`: ResNet-50/101/152 with
 * an SE layer (`se_layer`) at the end of each bottleneck.
 */
export class SEResNet extends ResNet {
  constructor(options: SEResNetOptions) {
    super(options);
  }

  protected override archSettings(): Record<number, [BlockClass & { defaultExpansion: number }, number[]]> {
    return SE_ARCH_SETTINGS;
  }

  protected override blockOptions(options: ResNetOptions): Partial<BlockOptions> {
    return { se_ratio: (options as SEResNetOptions).se_ratio ?? 16 };
  }
}
