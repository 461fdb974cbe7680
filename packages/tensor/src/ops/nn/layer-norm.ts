import { isFloating } from '../../core/dtype';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { applyAffine } from './affine';
import { standardize } from './standardize';

/**
 * Layer normalisation over the last axes, whose sizes are `normalizedShape`, with optional
 * elementwise weight and bias of that shape, as `torch.nn.functional.layer_norm`.
 *
 * @example
 * layerNorm(tokens, [768], weight, bias); // tokens [B, L, 768]
 */
export function layerNorm(
  x: Tensor,
  normalizedShape: number | readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): Tensor {
  const shape = typeof normalizedShape === 'number' ? [normalizedShape] : [...normalizedShape];
  if (!isFloating(x.dtype)) throw new TypeError(`layerNorm: the input must be a floating-point tensor, got ${x.dtype}`);
  const trailing = x.shape.slice(x.rank - shape.length);
  if (shape.length === 0 || shape.length > x.rank || trailing.some((size, index) => size !== shape[index])) {
    throw new RangeError(`layerNorm: normalizedShape ${formatShape(shape)} does not match the last axes of the input ${formatShape(x.shape)}`);
  }
  for (const [name, value] of [['weight', weight], ['bias', bias]] as const) {
    if (value && formatShape(value.shape) !== formatShape(shape)) {
      throw new RangeError(`layerNorm: ${name} must have shape ${formatShape(shape)}, got ${formatShape(value.shape)}`);
    }
  }
  if (!(eps > 0)) throw new RangeError(`layerNorm: eps must be positive, got ${eps}`);
  const axes = shape.map((_, index) => x.rank - shape.length + index);
  const { output, mean, variance } = standardize(x, axes, eps);
  mean.dispose();
  variance.dispose();
  const result = applyAffine(output, weight, bias, shape);
  output.dispose();
  return result;
}
