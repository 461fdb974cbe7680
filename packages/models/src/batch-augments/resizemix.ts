import { type InterpolateMode, type Tensor, indexSelect, interpolate, pad } from '@mmpt/tensor';
import { CutMix, type CutMixOptions, pasteBox } from './cutmix';
import { mixPair } from './mixup';
import { sampleBeta } from './sample-beta';

/** The options of {@link ResizeMix}, as MMPretrain's. */
export interface ResizeMixOptions extends CutMixOptions {
  /** λ ~ Beta(α, α) is mapped to [lam_min, lam_max] (defaults 0.1 and 0.8). */
  lam_min?: number;
  lam_max?: number;
  /** How the pasted images are resized (default 'bilinear'). */
  interpolation?: InterpolateMode;
}

/**
 * MMPretrain's `ResizeMix` (https://arxiv.org/abs/2012.11101): resizes the permuted images into the
 * CutMix box instead of cutting them, and mixes the scores by the box area.
 */
export class ResizeMix extends CutMix {
  readonly lamMin: number;
  readonly lamMax: number;
  readonly interpolation: InterpolateMode;

  constructor(options: ResizeMixOptions) {
    super(options);
    this.lamMin = options.lam_min ?? 0.1;
    this.lamMax = options.lam_max ?? 0.8;
    this.interpolation = options.interpolation ?? 'bilinear';
  }

  protected override mix(inputs: Tensor, scores: Tensor): [Tensor, Tensor] {
    const lambda = sampleBeta(this.alpha, this.alpha, this.generator) * (this.lamMax - this.lamMin) + this.lamMin;
    const index = this.permutation(inputs);
    const [height, width] = [inputs.shape[2] as number, inputs.shape[3] as number];
    const [box, corrected] = this.cutmixBboxAndLam(height, width, lambda);
    const [y1, y2, x1, x2] = box;
    if (y2 <= y1 || x2 <= x1) return [inputs.add(0), mixPair(scores, index, corrected)];
    const resized = interpolate(indexSelect(inputs, 0, index), {
      size: [y2 - y1, x2 - x1],
      mode: this.interpolation,
      ...(this.interpolation === 'nearest' ? {} : { alignCorners: false }),
    });
    const canvas = pad(resized, [x1, width - x2, y1, height - y2]);
    return [pasteBox(inputs, canvas, box), mixPair(scores, index, corrected)];
  }
}
