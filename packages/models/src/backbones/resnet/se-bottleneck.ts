import { type Tensor, add, tidy } from '@mmpt/tensor';
import { SELayer } from '../../layers/se-layer';
import type { BlockOptions } from './block-options';
import { Bottleneck } from './bottleneck';

/** MMPretrain's `SEBottleneck` (SEResNet): a Bottleneck whose residual branch ends with an SE layer. */
export class SEBottleneck extends Bottleneck {
  readonly seLayer: SELayer;

  constructor(options: BlockOptions) {
    super(options);
    this.seLayer = this.registerModule('se_layer', new SELayer({ channels: options.out_channels, ratio: options.se_ratio ?? 16 }));
  }

  protected override innerForward(x: Tensor): Tensor {
    return tidy(() => {
      let out = this.relu.forward(this.norm1.forward(this.conv1.forward(x))) as Tensor;
      out = this.relu.forward(this.norm2.forward(this.conv2.forward(out))) as Tensor;
      out = this.seLayer.forward(this.norm3.forward(this.conv3.forward(out)) as Tensor);
      if (this.dropPath) out = this.dropPath.forward(out) as Tensor;
      const identity = this.downsample ? (this.downsample.forward(x) as Tensor) : x;
      return add(out, identity);
    });
  }
}
