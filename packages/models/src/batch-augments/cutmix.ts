import { type Tensor, add, indexSelect, mul, sub, tensor } from '@mmpt/tensor';
import { Mixup, type MixupOptions, mixPair } from './mixup';
import { sampleBeta } from './sample-beta';

/** The options of {@link CutMix}, as MMPretrain's. */
export interface CutMixOptions extends MixupOptions {
  /** The min/max side ratio of the box (uniform); `alpha` is then ignored for the box. */
  cutmix_minmax?: [number, number] | null;
  /** Recompute λ from the box area after clipping at the borders (default true). */
  correct_lam?: boolean;
}

/** A box `[y1, y2, x1, x2]` (end-exclusive). */
export type Box = [number, number, number, number];

/**
 * MMPretrain's `CutMix` (https://arxiv.org/abs/1905.04899): pastes a box of a permuted batch onto
 * the batch, and mixes the scores by the box area. The box side ratio is `sqrt(1 - λ)` with
 * λ ~ Beta(α, α) (centre uniform, clipped at the borders), or uniform in `cutmix_minmax`.
 */
export class CutMix extends Mixup {
  readonly cutmixMinmax: [number, number] | null;
  readonly correctLam: boolean;

  constructor(options: CutMixOptions) {
    super(options);
    this.cutmixMinmax = options.cutmix_minmax ?? null;
    if (this.cutmixMinmax && this.cutmixMinmax.length !== 2) throw new RangeError(`CutMix: cutmix_minmax must be [min, max], got ${JSON.stringify(this.cutmixMinmax)}`);
    this.correctLam = options.correct_lam ?? true;
  }

  /** MMPretrain's `rand_bbox_minmax`: box sides uniform in `cutmix_minmax` of the image sides. */
  randBboxMinmax(height: number, width: number): Box {
    const [low, high] = this.cutmixMinmax as [number, number];
    const cutHeight = this.generator.integer(Math.trunc(height * low), Math.trunc(height * high));
    const cutWidth = this.generator.integer(Math.trunc(width * low), Math.trunc(width * high));
    const y = this.generator.integer(0, height - cutHeight);
    const x = this.generator.integer(0, width - cutWidth);
    return [y, y + cutHeight, x, x + cutWidth];
  }

  /** MMPretrain's `rand_bbox`: a box of side ratio `sqrt(1 - λ)` around a uniform centre, clipped. */
  randBbox(height: number, width: number, lambda: number, margin = 0): Box {
    const ratio = Math.sqrt(1 - lambda);
    const cutHeight = Math.trunc(height * ratio);
    const cutWidth = Math.trunc(width * ratio);
    const marginY = Math.trunc(margin * cutHeight);
    const marginX = Math.trunc(margin * cutWidth);
    const cy = this.generator.integer(marginY, height - marginY);
    const cx = this.generator.integer(marginX, width - marginX);
    const clip = (value: number, limit: number) => Math.min(Math.max(value, 0), limit);
    const halfHeight = Math.floor(cutHeight / 2);
    const halfWidth = Math.floor(cutWidth / 2);
    return [clip(cy - halfHeight, height), clip(cy + halfHeight, height), clip(cx - halfWidth, width), clip(cx + halfWidth, width)];
  }

  /** The box and λ, corrected to the box area when `correct_lam` or `cutmix_minmax`. */
  cutmixBboxAndLam(height: number, width: number, lambda: number): [Box, number] {
    const box = this.cutmixMinmax ? this.randBboxMinmax(height, width) : this.randBbox(height, width, lambda);
    if (this.correctLam || this.cutmixMinmax) {
      const area = (box[1] - box[0]) * (box[3] - box[2]);
      return [box, 1 - area / (height * width)];
    }
    return [box, lambda];
  }

  protected override mix(inputs: Tensor, scores: Tensor): [Tensor, Tensor] {
    const lambda = sampleBeta(this.alpha, this.alpha, this.generator);
    const index = this.permutation(inputs);
    const [box, corrected] = this.cutmixBboxAndLam(inputs.shape[2] as number, inputs.shape[3] as number, lambda);
    return [pasteBox(inputs, indexSelect(inputs, 0, index), box), mixPair(scores, index, corrected)];
  }
}

/** `base` with the box replaced by the same box of `source` (both `[N, C, H, W]`). */
export function pasteBox(base: Tensor, source: Tensor, box: Box): Tensor {
  const [height, width] = [base.shape[2] as number, base.shape[3] as number];
  const mask = new Float32Array(height * width);
  for (let y = box[0]; y < box[1]; y++) mask.fill(1, y * width + box[2], y * width + box[3]);
  const inside = tensor(mask, { shape: [1, 1, height, width], backend: base.backend });
  return add(mul(base, sub(1, inside)), mul(source, inside));
}
