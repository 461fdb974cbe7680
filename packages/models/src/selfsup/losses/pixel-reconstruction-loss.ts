import { type Tensor, abs, cast, div, mean, mul, square, sub, sum, tidy } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';

/** The options of {@link PixelReconstructionLoss}, as MMPretrain's. */
export interface PixelReconstructionLossOptions {
  /** `'L1'` (absolute error) or `'L2'` (squared error). */
  criterion: 'L1' | 'L2';
  /** Divide the masked loss by this channel count (SimMIM's masks cover pixels, not channels). Default 1. */
  channel?: number | null;
}

/**
 * MMPretrain's `PixelReconstructionLoss` for masked image modelling: the element-wise L1 or L2
 * error, averaged over the last axis for `[B, L, D]` patch predictions; without a mask, its mean;
 * with a mask (1 = masked), `sum(loss * mask) / sum(mask) / channel`, so that only the masked
 * patches (MAE) or pixels (SimMIM) count.
 */
export class PixelReconstructionLoss extends BaseModule<[Tensor, Tensor, (Tensor | null)?], Tensor> {
  readonly criterion: 'L1' | 'L2';
  readonly channel: number;

  constructor(options: PixelReconstructionLossOptions) {
    super();
    if (options.criterion !== 'L1' && options.criterion !== 'L2') {
      throw new Error(`PixelReconstructionLoss: only supports L1 and L2 loss, got criterion ${JSON.stringify(options.criterion)}`);
    }
    this.criterion = options.criterion;
    this.channel = options.channel ?? 1;
  }

  forward(pred: Tensor, target: Tensor, mask: Tensor | null = null): Tensor {
    return tidy(() => {
      const difference = sub(pred, target);
      let loss = this.criterion === 'L1' ? abs(difference) : square(difference);
      if (loss.rank === 3) loss = mean(loss, -1);
      if (!mask) return mean(loss);
      const weights = mask.dtype === 'float32' ? mask : cast(mask, 'float32');
      return div(div(sum(mul(loss, weights)), sum(weights)), this.channel);
    });
  }
}
