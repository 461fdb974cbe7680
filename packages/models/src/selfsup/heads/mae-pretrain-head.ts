import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, type Tensor, add, div, mean, permute, reshape, sqrt, sub, tidy, variance } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildSubmodule } from '../../utils/build-submodule';

/** The options of {@link MAEPretrainHead}, as MMPretrain's. */
export interface MAEPretrainHeadOptions {
  /** The reconstruction loss, usually `{ type: 'PixelReconstructionLoss', criterion: 'L2' }`. */
  loss: BuildConfig | AnyModule;
  /** Normalise each target patch by its own mean and variance. Default false. */
  norm_pix?: boolean;
  /** Default 16. */
  patch_size?: number;
}

/**
 * MMPretrain's `MAEPretrainHead`, the guide's example of a head built on BaseModule: the target
 * image is split into non-overlapping patches (`patchify`, `[B, L, p² C]` in `(p, q, c)` order),
 * optionally normalised per patch (`norm_pix`: `(x - mean) / sqrt(var + 1e-6)`, unbiased
 * variance), and the loss compares the decoder's prediction with it on the masked patches. The
 * channel count is taken from the image (MMPretrain's code assumes 3; grayscale works here).
 */
export class MAEPretrainHead extends BaseModule<[Tensor, Tensor, Tensor], Tensor> {
  readonly normPix: boolean;
  readonly patchSize: number;
  readonly lossModule: AnyModule;

  constructor(options: MAEPretrainHeadOptions, context?: BuildContext) {
    super();
    this.normPix = options.norm_pix ?? false;
    this.patchSize = options.patch_size ?? 16;
    this.lossModule = this.registerModule('loss_module', buildSubmodule(options.loss, context, 'MAEPretrainHead.loss'));
  }

  /** Splits `[B, C, H, W]` images (square, a multiple of the patch size) into `[B, L, p² C]` patches. */
  patchify(imgs: Tensor): Tensor {
    const p = this.patchSize;
    const [batch, channels, height, width] = imgs.shape as [number, number, number, number];
    if (imgs.rank !== 4 || height !== width || height % p !== 0) {
      throw new RangeError(`MAEPretrainHead.patchify: expected square [B, C, H, W] images with H a multiple of ${p}, got [${imgs.shape.join(', ')}]`);
    }
    const side = height / p;
    return tidy(() => reshape(permute(reshape(imgs, [batch, channels, side, p, side, p]), [0, 2, 4, 3, 5, 1]), [batch, side * side, p * p * channels]));
  }

  /** Joins `[B, L, p² C]` patches back into `[B, C, H, W]` images. */
  unpatchify(x: Tensor, channels = 3): Tensor {
    const p = this.patchSize;
    const [batch, length] = x.shape as [number, number, number];
    const side = Math.round(Math.sqrt(length));
    if (side * side !== length || x.shape[2] !== p * p * channels) {
      throw new RangeError(`MAEPretrainHead.unpatchify: expected [B, L, ${p * p * channels}] with L a square, got [${x.shape.join(', ')}]`);
    }
    return tidy(() => reshape(permute(reshape(x, [batch, side, side, p, p, channels]), [0, 5, 1, 3, 2, 4]), [batch, channels, side * p, side * p]));
  }

  /** The reconstruction target: the patches of the image, normalised per patch with `norm_pix`. */
  constructTarget(target: Tensor): Tensor {
    return tidy(() => {
      const patches = this.patchify(target);
      if (!this.normPix) return patches;
      const average = mean(patches, -1, true);
      const spread = variance(patches, -1, { keepdim: true });
      return div(sub(patches, average), sqrt(add(spread, 1e-6)));
    });
  }

  /** The loss of the prediction `[B, L, p² C]` against the image `[B, C, H, W]` on the masked patches (`mask` `[B, L]`, 1 = masked). */
  loss(pred: Tensor, target: Tensor, mask: Tensor): Tensor {
    return tidy(() => this.lossModule.forward(pred, this.constructTarget(target), mask) as Tensor);
  }

  forward(pred: Tensor, target: Tensor, mask: Tensor): Tensor {
    return this.loss(pred, target, mask);
  }
}
