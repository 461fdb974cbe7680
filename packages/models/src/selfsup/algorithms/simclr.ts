import type { DataSample } from '@mmpt/structures';
import { type Tensor, add, div, gather, matmul, reshape, stack, tensor, tidy, transpose, vectorNorm } from '@mmpt/tensor';
import type { LossDict } from '../../heads/classifier-head';
import { BaseSelfSupervisor } from '../base-self-supervisor';
import type { ContrastiveHead } from '../heads/contrastive-head';
import type { SelfSupInputs } from '../self-sup-data-preprocessor';
import { asFeatureList, firstFeature } from '../utils/as-feature-list';

/**
 * MMPretrain's `SimCLR` (https://arxiv.org/abs/2002.05709): the two views of each image are
 * interleaved into one batch of `2N` (`[x0v0, x0v1, x1v0, ...]`), encoded by backbone and neck,
 * L2-normalised (`z / (‖z‖ + 1e-10)`), and the similarity matrix `z zᵀ` gives, for every row, the
 * other view of the same image as the positive and the `2N - 2` other samples as negatives for the
 * ContrastiveHead's InfoNCE loss.
 */
export class SimCLR extends BaseSelfSupervisor {
  /** The backbone's features of the first view. */
  override extractFeat(inputs: SelfSupInputs): Tensor[] {
    const first = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!first) throw new Error('SimCLR.extractFeat: no input');
    return asFeatureList(this.backbone.forward(first), 'SimCLR.backbone');
  }

  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const views = this.requireViews(inputs, 2).slice(0, 2);
    const neck = this.requireNeck();
    const head = this.requireHead<ContrastiveHead>();
    return tidy(() => {
      const [batch, ...imageShape] = (views[0] as Tensor).shape as number[];
      const interleaved = reshape(stack(views, 1), [(batch as number) * 2, ...imageShape]);
      const z = firstFeature(neck.forward(asFeatureList(this.backbone.forward(interleaved), 'SimCLR.backbone')), 'SimCLR.neck');
      const normalised = div(z, add(vectorNorm(z, 2, 1), 1e-10));
      const similarity = matmul(normalised, transpose(normalised, 0, 1));
      const { positive, negative } = contrastivePairs(similarity);
      return { loss: head.loss(positive, negative) };
    });
  }
}

/**
 * Splits the `2N x 2N` similarities of interleaved pairs (rows `2k` and `2k + 1` are the two views
 * of one image) into each row's positive `[2N, 1]` (its partner) and negatives `[2N, 2N - 2]`
 * (every other sample, in column order), as MMPretrain selects them.
 */
export function contrastivePairs(similarity: Tensor): { positive: Tensor; negative: Tensor } {
  const size = similarity.shape[0] as number;
  if (similarity.rank !== 2 || similarity.shape[1] !== size || size % 2 !== 0) {
    throw new RangeError(`SimCLR: expected an even square similarity matrix, got [${similarity.shape.join(', ')}]`);
  }
  const positiveIndex = new Int32Array(size);
  const negativeIndex = new Int32Array(size * (size - 2));
  for (let row = 0; row < size; row++) {
    const partner = row ^ 1;
    positiveIndex[row] = partner;
    let column = 0;
    for (let other = 0; other < size; other++) {
      if (other !== row && other !== partner) negativeIndex[row * (size - 2) + column++] = other;
    }
  }
  const backend = similarity.backend;
  return {
    positive: gather(similarity, 1, tensor(positiveIndex, { shape: [size, 1], backend })),
    negative: gather(similarity, 1, tensor(negativeIndex, { shape: [size, size - 2], backend })),
  };
}

