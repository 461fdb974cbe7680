import { isFloating } from '../../core/dtype';
import type { Tensor } from '../../core/tensor';
import type { Generator } from '../../random/generator';
import { bernoulli } from '../../random/random-tensors';
import { mul } from '../arithmetic';
import { reshape } from '../reshape';

function checkProbability(op: string, x: Tensor, p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${op}: the drop probability p must be in [0, 1], got ${p}`);
  if (!isFloating(x.dtype)) throw new TypeError(`${op}: the input must be a floating-point tensor, got ${x.dtype}`);
}

/** Multiplies `x` by a 0/1 mask of `maskShape` drawn with keep probability `keep`, scaled by `scale`. */
function applyMask(x: Tensor, maskShape: readonly number[], keep: number, scale: number, generator: Generator | undefined): Tensor {
  const mask = bernoulli(maskShape, keep, generator ? { backend: x.backend, generator } : { backend: x.backend });
  const scaled = scale === 1 ? mask : mul(mask, scale);
  if (scaled !== mask) mask.dispose();
  const result = mul(x, scaled);
  scaled.dispose();
  return result;
}

/**
 * Inverted dropout, as `torch.nn.functional.dropout`: in training each element is zeroed with
 * probability `p` (a mask drawn from `generator`, or the default generator) and the survivors are
 * scaled by `1 / (1 - p)`; otherwise the input passes unchanged (as a new handle).
 *
 * @example
 * dropout(x, 0.1, model.training, generator);
 */
export function dropout(x: Tensor, p = 0.5, training = true, generator?: Generator): Tensor {
  checkProbability('dropout', x, p);
  if (!training || p === 0) return reshape(x, x.shape);
  if (p === 1) return mul(x, 0);
  return applyMask(x, x.shape, 1 - p, 1 / (1 - p), generator);
}

/**
 * Stochastic depth per sample, as timm's / MMPretrain's `drop_path`: in training each sample of
 * the batch (axis 0) is zeroed with probability `p`, and the kept ones are scaled by `1 / (1 - p)`
 * when `scaleByKeep` (default); otherwise the input passes unchanged (as a new handle).
 *
 * @example
 * const y = add(shortcut, dropPath(branch, 0.1, training, generator));
 */
export function dropPath(x: Tensor, p = 0, training = false, generator?: Generator, scaleByKeep = true): Tensor {
  checkProbability('dropPath', x, p);
  if (!training || p === 0) return reshape(x, x.shape);
  if (x.rank === 0) throw new RangeError('dropPath: the input needs a batch axis, got a scalar');
  const keep = 1 - p;
  const maskShape = x.shape.map((size, axis) => (axis === 0 ? size : 1));
  return applyMask(x, maskShape, keep, keep > 0 && scaleByKeep ? 1 / keep : 1, generator);
}
