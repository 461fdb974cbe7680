import { ReLU, type Tensor } from '@mmpt/tensor';
import { buildConvLayer } from '../../builders/build-conv-layer';
import { buildNormLayer } from '../../builders/build-norm-layer';
import type { LayerConfig } from '../../builders/layer-config';
import { chain } from '../../utils/chain';
import { ResNet, type ResNetOptions } from './resnet';

/** ResNetV1c: the stem's 7x7 conv is replaced by three 3x3 convs (MMPretrain's `ResNetV1c`). */
export class ResNetV1c extends ResNet {
  constructor(options: Omit<ResNetOptions, 'deep_stem' | 'avg_down'>) {
    super({ ...options, deep_stem: true, avg_down: false });
  }
}

/** ResNetV1d: V1c plus an average-pool downsample in the shortcuts (MMPretrain's `ResNetV1d`). */
export class ResNetV1d extends ResNet {
  constructor(options: Omit<ResNetOptions, 'deep_stem' | 'avg_down'>) {
    super({ ...options, deep_stem: true, avg_down: true });
  }
}

/**
 * ResNet for CIFAR (MMPretrain's `ResNet_CIFAR`): a 3x3 stride-1 stem conv and no max pool, for
 * 32x32 inputs.
 */
export class ResNet_CIFAR extends ResNet {
  constructor(options: ResNetOptions) {
    if (options.deep_stem) throw new Error('ResNet_CIFAR: deep_stem is not supported');
    super(options);
  }

  protected override makeStemLayer(inChannels: number, stemChannels: number, convConfig: LayerConfig | null, normConfig: LayerConfig): void {
    this.conv1 = this.registerModule('conv1', buildConvLayer(convConfig, inChannels, stemChannels, 3, { stride: 1, padding: 1, bias: false }));
    const [name, norm] = buildNormLayer(normConfig, stemChannels, 1);
    this.norm1 = this.registerModule(name, norm);
    this.relu = this.registerModule('relu', new ReLU());
  }

  protected override forwardStem(x: Tensor): Tensor {
    return chain(x, this.conv1, this.norm1, this.relu);
  }
}
