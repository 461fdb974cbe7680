import { isFloating } from '../../core/dtype';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { reshape } from '../reshape';
import { applyAffine } from './affine';
import { standardize } from './standardize';

/**
 * Group normalisation of `[N, C, ...]` input: the channels are split into `numGroups` groups,
 * each normalised over its channels and spatial positions, then a per-channel weight and bias
 * apply, as `torch.nn.functional.group_norm`.
 *
 * @example
 * groupNorm(features, 32, weight, bias);
 */
export function groupNorm(x: Tensor, numGroups: number, weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  if (!isFloating(x.dtype)) throw new TypeError(`groupNorm: the input must be a floating-point tensor, got ${x.dtype}`);
  if (x.rank < 2) throw new RangeError(`groupNorm: expected input of shape [N, C, ...], got ${formatShape(x.shape)}`);
  const [batch, channels] = x.shape as [number, number];
  if (!Number.isInteger(numGroups) || numGroups < 1 || channels % numGroups !== 0) {
    throw new RangeError(`groupNorm: numGroups = ${numGroups} must be a positive divisor of the ${channels} channels of ${formatShape(x.shape)}`);
  }
  for (const [name, value] of [['weight', weight], ['bias', bias]] as const) {
    if (value && (value.rank !== 1 || value.shape[0] !== channels)) {
      throw new RangeError(`groupNorm: ${name} must have shape [${channels}], got ${formatShape(value.shape)}`);
    }
  }
  if (!(eps > 0)) throw new RangeError(`groupNorm: eps must be positive, got ${eps}`);
  const grouped = reshape(x, [batch, numGroups, -1]);
  const { output, mean, variance } = standardize(grouped, [2], eps);
  const normalized = reshape(output, x.shape);
  for (const tensor of [grouped, output, mean, variance]) tensor.dispose();
  const result = applyAffine(normalized, weight, bias, x.shape.map((_, axis) => (axis === 1 ? channels : 1)));
  normalized.dispose();
  return result;
}
