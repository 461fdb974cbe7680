import { type Parameter, type Tensor, clamp, flatten, full, mean, pow, reciprocal, tidy } from '@mmpt/tensor';
import { BaseModule } from '../base-module';

/** The options of {@link GeneralizedMeanPooling}, as MMPretrain's. */
export interface GeneralizedMeanPoolingOptions {
  /** The power (at least 1; default 3). */
  p?: number;
  eps?: number;
  /** Clamp the inputs to at least `eps` first (default true). */
  clamp?: boolean;
  /** Whether `p` is learned (default true). */
  p_trainable?: boolean;
}

/**
 * MMPretrain's `GeneralizedMeanPooling` neck (GeM): `mean(x^p)^(1/p)` over the spatial axes of
 * each feature map, flattened to `[N, C]`; the power `p` is a parameter.
 */
export class GeneralizedMeanPooling extends BaseModule<[Tensor[]], Tensor[]> {
  readonly p: Parameter;
  readonly eps: number;
  readonly clamp: boolean;

  constructor(options: GeneralizedMeanPoolingOptions = {}) {
    super();
    const p = options.p ?? 3;
    if (!(p >= 1)) throw new RangeError(`GeneralizedMeanPooling: p must be at least 1, got ${p}`);
    this.p = this.registerParameter('p', full([1], p));
    this.p.requiresGrad = options.p_trainable ?? true;
    this.eps = options.eps ?? 1e-6;
    this.clamp = options.clamp ?? true;
  }

  forward(inputs: Tensor[]): Tensor[] {
    return inputs.map((input) =>
      tidy(() => {
        if (input.rank !== 4) throw new RangeError(`GeneralizedMeanPooling: expects NCHW feature maps, got [${input.shape.join(', ')}]`);
        const x = this.clamp ? clamp(input, this.eps) : input;
        return flatten(pow(mean(pow(x, this.p), [2, 3]), reciprocal(this.p)), 1);
      }),
    );
  }
}
