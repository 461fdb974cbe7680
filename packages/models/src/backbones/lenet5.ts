import { AvgPool2d, Conv2d, Linear, Sequential, Tanh, type Tensor, flatten } from '@mmpt/tensor';
import { BaseModule } from '../base-module';
import type { InitConfigInput } from '../init/init-config';

/** The options of {@link LeNet5}. */
export interface LeNet5Options {
  /** Classes of the built-in classifier; -1 (or 0) leaves it out and returns the 120 features. */
  num_classes?: number;
  init_cfg?: InitConfigInput;
}

/**
 * LeNet-5 (http://yann.lecun.com/exdb/publis/pdf/lecun-01a.pdf) as MMPretrain's `LeNet5`, for
 * 1x32x32 inputs: three tanh convolutions with average pooling (`features`) and, when
 * `num_classes > 0`, a two-layer classifier. Returns one tensor, the features or the logits.
 */
export class LeNet5 extends BaseModule<[Tensor], Tensor[]> {
  readonly numClasses: number;
  readonly features: Sequential;
  readonly classifier: Sequential | null;

  constructor(options: LeNet5Options = {}) {
    super(options.init_cfg);
    this.numClasses = options.num_classes ?? -1;
    this.features = this.registerModule(
      'features',
      new Sequential(new Conv2d(1, 6, 5), new Tanh(), new AvgPool2d(2), new Conv2d(6, 16, 5), new Tanh(), new AvgPool2d(2), new Conv2d(16, 120, 5), new Tanh()),
    );
    this.classifier = this.registerModule('classifier', this.numClasses > 0 ? new Sequential(new Linear(120, 84), new Tanh(), new Linear(84, this.numClasses)) : null);
  }

  forward(x: Tensor): Tensor[] {
    if (x.rank !== 4 || x.shape[1] !== 1 || x.shape[2] !== 32 || x.shape[3] !== 32) {
      throw new RangeError(`LeNet5: expects inputs of shape [N, 1, 32, 32], got [${x.shape.join(', ')}] (pad 28x28 digits by 2, e.g. with the Pad transform)`);
    }
    const features = this.features.forward(x);
    if (!this.classifier) return [features];
    const flat = flatten(features, 1);
    features.dispose();
    const logits = this.classifier.forward(flat);
    flat.dispose();
    return [logits];
  }
}
