import { type LayerConfig, type PretrainedLoader, ResNet, type ResNetOptions, buildConvLayer, buildNormLayer } from '@mmpt/models';
import { ReLU, type Tensor } from '@mmpt/tensor';

/**
 * The guide's `ResNet_CIFAR`, line for line: a ResNet whose stem is one 3x3 stride-1 convolution
 * without max pooling, for 32x32 images. (mmpt ships this backbone as `ResNet_CIFAR`; the plugin
 * registers its own copy in the `custom` scope to show how.)
 */
export class ResNetCifar extends ResNet {
  constructor(options: ResNetOptions) {
    // Check the `deep_stem`, which the CIFAR stem does not support.
    if (options.deep_stem) throw new Error('ResNet_CIFAR: deep_stem is not supported');
    super(options);
  }

  // Customize the stem layer: `buildNormLayer` returns [name, layer], as mmcv's build_norm_layer.
  protected override makeStemLayer(inChannels: number, baseChannels: number, convConfig: LayerConfig | null, normConfig: LayerConfig): void {
    this.conv1 = this.registerModule('conv1', buildConvLayer(convConfig, inChannels, baseChannels, 3, { stride: 1, padding: 1, bias: false }));
    const [normName, norm] = buildNormLayer(normConfig, baseChannels, 1);
    this.norm1 = this.registerModule(normName, norm);
    this.relu = this.registerModule('relu', new ReLU());
  }

  // Customize the forward of the stem (the stages run as in ResNet and return a list of outputs).
  protected override forwardStem(x: Tensor): Tensor {
    let out = (this.conv1 as NonNullable<typeof this.conv1>).forward(x) as Tensor;
    for (const layer of [this.norm1, this.relu]) {
      const next = (layer as NonNullable<typeof layer>).forward(out) as Tensor;
      out.dispose();
      out = next;
    }
    return out;
  }

  override initWeights(loadPretrained?: PretrainedLoader): void {
    // Customize the weight initialization method if needed.
    super.initWeights(loadPretrained);
    // Disable the extra initialization when loading a pretrained model.
    const config = this.initCfg;
    if (config && !Array.isArray(config) && config.type === 'Pretrained') return;
    // Usually init_cfg is enough; special initialisations go here.
  }
}
