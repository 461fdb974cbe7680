import type { DataSample } from '@mmpt/structures';
import { type Tensor, tensor, tidy } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor } from '../base-self-supervisor';
import type { SimMIMHead } from '../heads/simmim-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList } from '../utils/as-feature-list';

/** A backbone that takes SimMIM's patch mask (SimMIMViT; MMPretrain's SimMIMSwinTransformer). */
interface MaskedBackbone {
  forward(x: Tensor, mask: Tensor | null): Tensor[];
}

/**
 * MMPretrain's `SimMIM` (https://arxiv.org/abs/2111.09886): the samples' masks (from
 * `SimMIMMaskGenerator`, packed into each data sample) are stacked to `[B, h, w]`; the backbone
 * replaces the masked patches with its mask token, the neck (SimMIMLinearDecoder) reconstructs the
 * image from the feature map, and the SimMIMHead scores the masked pixels.
 */
export class SimMIM extends BaseSelfSupervisor {
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const images = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!images) throw new Error('SimMIM.extractFeat: no input');
    return asFeatureList((this.backbone as unknown as MaskedBackbone).forward(images, null), 'SimMIM.backbone');
  }

  loss(inputs: SelfSupInputs, dataSamples: readonly DataSample[]): LossDict {
    if (Array.isArray(inputs)) throw new TypeError(`SimMIM.loss: expected one batch tensor, got a list of ${inputs.length} views`);
    const neck = this.requireNeck();
    const head = this.requireHead<SimMIMHead>();
    return tidy(() => {
      const mask = stackMasks(dataSamples, inputs);
      const latent = asFeatureList((this.backbone as unknown as MaskedBackbone).forward(inputs, mask), 'SimMIM.backbone');
      const reconstruction = neck.forward(latent[0]) as Tensor;
      return { loss: head.loss(reconstruction, inputs, mask) };
    });
  }
}

/** The samples' masks stacked into one `[B, h, w]` float32 tensor. */
export function stackMasks(dataSamples: readonly DataSample[], like: Tensor): Tensor {
  const batch = like.shape[0] as number;
  if (dataSamples.length !== batch) throw new RangeError(`SimMIM: ${dataSamples.length} data samples for a batch of ${batch}`);
  const first = dataSamples[0]?.mask;
  if (!first || first.shape.length !== 2) throw new Error('SimMIM: every data sample needs a 2-D mask (add SimMIMMaskGenerator to the pipeline)');
  const size = first.data.length;
  const data = new Float32Array(batch * size);
  dataSamples.forEach((sample, index) => {
    const mask = sample.mask;
    if (!mask || mask.data.length !== size) throw new RangeError(`SimMIM: data sample ${index} has ${mask ? `a mask of ${mask.data.length} values` : 'no mask'}, sample 0 has ${size}`);
    for (let at = 0; at < size; at++) data[index * size + at] = Number(mask.data[at]);
  });
  return tensor(data, { shape: [batch, first.shape[0] as number, first.shape[1] as number], backend: like.backend });
}
