import { isFloating } from '../../core/dtype';
import { tidy } from '../../core/engine';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import type { Generator } from '../../random/generator';
import { add, mul } from '../arithmetic';
import { where } from '../compare';
import { tensor } from '../creation';
import { matmul } from '../matmul';
import { dropout } from './dropout';
import { softmax } from './softmax';

/** The options of {@link scaledDotProductAttention}. */
export interface AttentionOptions {
  /**
   * A mask broadcast to `[..., L, S]`: bool (true = attend, false = masked out) or float (added
   * to the scores).
   */
  mask?: Tensor | null;
  /** Dropout probability on the attention weights (default 0). */
  dropoutP?: number;
  /** The score scale (default `1 / sqrt(E)`). */
  scale?: number;
  /** Mask out keys after each query (the lower-triangular pattern); excludes `mask`. */
  isCausal?: boolean;
  /** The generator of the dropout mask. */
  generator?: Generator;
}

/**
 * `softmax(q · kᵀ * scale + mask) · v` over query `[..., L, E]`, key `[..., S, E]` and value
 * `[..., S, Ev]`, as PyTorch 2's `torch.nn.functional.scaled_dot_product_attention` (math
 * path). A row whose keys are all masked out gives NaN, as PyTorch.
 *
 * @example
 * scaledDotProductAttention(q, k, v, { isCausal: true });
 */
export function scaledDotProductAttention(query: Tensor, key: Tensor, value: Tensor, options: AttentionOptions = {}): Tensor {
  for (const [name, operand] of [['query', query], ['key', key], ['value', value]] as const) {
    if (!isFloating(operand.dtype)) throw new TypeError(`scaledDotProductAttention: ${name} must be a floating-point tensor, got ${operand.dtype}`);
    if (operand.rank < 2) throw new RangeError(`scaledDotProductAttention: ${name} must have at least 2 axes, got ${formatShape(operand.shape)}`);
  }
  const embedding = query.shape[query.rank - 1] as number;
  if (key.shape[key.rank - 1] !== embedding) {
    throw new RangeError(`scaledDotProductAttention: query ${formatShape(query.shape)} and key ${formatShape(key.shape)} differ in their last axis`);
  }
  if (key.shape[key.rank - 2] !== value.shape[value.rank - 2]) {
    throw new RangeError(`scaledDotProductAttention: key ${formatShape(key.shape)} and value ${formatShape(value.shape)} differ in their sequence axis`);
  }
  const mask = options.mask ?? null;
  if (mask && options.isCausal) throw new RangeError('scaledDotProductAttention: give either mask or isCausal, not both');
  const dropoutP = options.dropoutP ?? 0;
  const scale = options.scale ?? 1 / Math.sqrt(embedding);
  return tidy(() => {
    let scores = mul(matmul(query, key, false, true), scale);
    const queries = query.shape[query.rank - 2] as number;
    const keys = key.shape[key.rank - 2] as number;
    if (options.isCausal) scores = where(causalMask(queries, keys, query), scores, Number.NEGATIVE_INFINITY);
    else if (mask) scores = mask.dtype === 'bool' ? where(mask, scores, Number.NEGATIVE_INFINITY) : add(scores, mask);
    let weights = softmax(scores, -1);
    if (dropoutP > 0) weights = dropout(weights, dropoutP, true, options.generator);
    return matmul(weights, value);
  });
}

/** The `[L, S]` bool mask of key `j <= query i`. */
function causalMask(queries: number, keys: number, like: Tensor): Tensor {
  const values = new Uint8Array(queries * keys);
  for (let row = 0; row < queries; row++) {
    for (let column = 0; column <= Math.min(row, keys - 1); column++) values[row * keys + column] = 1;
  }
  return tensor(values, { shape: [queries, keys], dtype: 'bool', backend: like.backend });
}
