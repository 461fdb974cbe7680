import type { BlockOptions } from './block-options';
import { Bottleneck } from './bottleneck';
import type { BlockClass } from './res-layer';
import { ResNet, type ResNetOptions } from './resnet';

/** The options of {@link ResNeXt}: ResNet's, with the groups of the 3x3 convolutions. */
export interface ResNeXtOptions extends Omit<ResNetOptions, 'depth'> {
  depth: 50 | 101 | 152;
  /** Groups of the 3x3 conv of each bottleneck (default 32). */
  groups?: number;
  /** Channels per group at base width (default 4): 32x4d is groups 32, width_per_group 4. */
  width_per_group?: number;
}

const RESNEXT_ARCH_SETTINGS: Record<number, [BlockClass & { defaultExpansion: number }, number[]]> = {
  50: [Bottleneck, [3, 4, 6, 3]],
  101: [Bottleneck, [3, 4, 23, 3]],
  152: [Bottleneck, [3, 8, 36, 3]],
};

/**
 * ResNeXt (https://arxiv.org/abs/1611.05431), as MMPretrain's `ResNeXt`: ResNet whose bottlenecks
 * use grouped 3x3 convolutions (`groups`, `width_per_group`).
 *
 * @example
 * const backbone = new ResNeXt({ depth: 50, groups: 32, width_per_group: 4 });
 */
export class ResNeXt extends ResNet {
  constructor(options: ResNeXtOptions) {
    super(options);
  }

  protected override archSettings(): Record<number, [BlockClass & { defaultExpansion: number }, number[]]> {
    return RESNEXT_ARCH_SETTINGS;
  }

  protected override blockOptions(options: ResNetOptions): Partial<BlockOptions> {
    const resnext = options as ResNeXtOptions;
    return { groups: resnext.groups ?? 32, width_per_group: resnext.width_per_group ?? 4, base_channels: options.base_channels ?? 64 };
  }
}
