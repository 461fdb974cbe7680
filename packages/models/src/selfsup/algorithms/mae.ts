import type { DataSample } from '@mmpt/structures';
import { type Tensor, tidy } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import type { MAEViT } from '../backbones/mae-vit';
import { BaseSelfSupervisor } from '../base-self-supervisor';
import type { MAEPretrainHead } from '../heads/mae-pretrain-head';
import type { MAEPretrainDecoder } from '../necks/mae-pretrain-decoder';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList } from '../utils/as-feature-list';

/**
 * MMPretrain's `MAE` (https://arxiv.org/abs/2111.06377): the MAEViT backbone encodes a random
 * subset of the patches, the MAEPretrainDecoder neck reconstructs every patch from them (with
 * `ids_restore`), and the MAEPretrainHead scores the reconstruction of the removed patches.
 * `extractFeat` runs the backbone without masking.
 */
export class MAE extends BaseSelfSupervisor {
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const images = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!images) throw new Error('MAE.extractFeat: no input');
    return asFeatureList((this.backbone as MAEViT).forward(images, null), 'MAE.backbone');
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    if (Array.isArray(inputs)) throw new TypeError(`MAE.loss: expected one batch tensor, got a list of ${inputs.length} views (MAE's pipeline has no MultiView)`);
    const backbone = this.backbone as MAEViT;
    if (typeof backbone.forwardMasked !== 'function') throw new TypeError(`MAE: the backbone must be an MAEViT, got ${this.backbone.constructor.name}`);
    const neck = this.requireNeck() as MAEPretrainDecoder;
    const head = this.requireHead<MAEPretrainHead>();
    return tidy(() => {
      const { latent, mask, idsRestore } = backbone.forwardMasked(inputs);
      const pred = neck.forward(latent, idsRestore);
      return { loss: head.loss(pred, inputs, mask) };
    });
  }
}
