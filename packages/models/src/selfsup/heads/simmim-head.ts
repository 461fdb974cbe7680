import type { BuildConfig, BuildContext } from '@mmpt/registry';
import { type AnyModule, type Tensor, cast, repeat, reshape, tidy, unsqueeze } from '@mmpt/tensor';
import { BaseModule } from '../../base-module';
import { buildSubmodule } from '../../utils/build-submodule';

/** The options of {@link SimMIMHead}, as MMPretrain's. */
export interface SimMIMHeadOptions {
  /** The size of the model's patches (one mask entry covers `patch_size²` pixels). */
  patch_size: number;
  /** The reconstruction loss, usually `{ type: 'PixelReconstructionLoss', criterion: 'L1', channel: 3 }`. */
  loss: BuildConfig | AnyModule;
}

/**
 * MMPretrain's `SimMIMHead`: expands the patch mask `[B, h, w]` to pixels
 * (`repeat_interleave(patch_size)` on both axes, then a channel axis: `[B, 1, H, W]`) and lets the
 * loss compare the reconstruction with the image on the masked pixels.
 */
export class SimMIMHead extends BaseModule<[Tensor, Tensor, Tensor], Tensor> {
  readonly patchSize: number;
  readonly lossModule: AnyModule;

  constructor(options: SimMIMHeadOptions, context?: BuildContext) {
    super();
    this.patchSize = options.patch_size;
    if (!Number.isInteger(this.patchSize) || this.patchSize < 1) throw new RangeError(`SimMIMHead: patch_size must be a positive integer, got ${this.patchSize}`);
    this.lossModule = this.registerModule('loss_module', buildSubmodule(options.loss, context, 'SimMIMHead.loss'));
  }

  /** The mask `[B, h, w]` repeated to the pixels of each patch: `[B, 1, h p, w p]` float32. */
  expandMask(mask: Tensor): Tensor {
    if (mask.rank !== 3) throw new RangeError(`SimMIMHead: expected a [B, h, w] mask, got [${mask.shape.join(', ')}]`);
    const [batch, height, width] = mask.shape as [number, number, number];
    const p = this.patchSize;
    return tidy(() => {
      const floats = mask.dtype === 'float32' ? mask : cast(mask, 'float32');
      const blocks = repeat(reshape(floats, [batch, height, 1, width, 1]), [1, 1, p, 1, p]);
      return unsqueeze(reshape(blocks, [batch, height * p, width * p]), 1);
    });
  }

  /** The loss of the reconstruction `[B, C, H, W]` against the image on the masked pixels. */
  loss(pred: Tensor, target: Tensor, mask: Tensor): Tensor {
    return tidy(() => this.lossModule.forward(pred, target, this.expandMask(mask)) as Tensor);
  }

  forward(pred: Tensor, target: Tensor, mask: Tensor): Tensor {
    return this.loss(pred, target, mask);
  }
}
