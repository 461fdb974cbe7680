import { tidy } from '../core/engine';
import { formatShape } from '../core/shape';
import type { Tensor } from '../core/tensor';
import { add, mul } from '../ops/arithmetic';
import { where } from '../ops/compare';
import { zeros } from '../ops/creation';
import { concat, split } from '../ops/join';
import { linear, matmul } from '../ops/matmul';
import { scaledDotProductAttention } from '../ops/nn/attention';
import { dropout } from '../ops/nn/dropout';
import { softmax } from '../ops/nn/softmax';
import { pad } from '../ops/pad';
import { mean } from '../ops/reduce';
import { reshape, squeeze, unsqueeze } from '../ops/reshape';
import { expand, permute, transpose } from '../ops/strided';
import { constant, xavierNormal, xavierUniform } from './init';
import { type LayerOptions, emptyParameter } from './layer-options';
import { Linear } from './linear';
import { Module } from './module';
import type { Parameter } from './parameter';

/** The options of {@link MultiheadAttention}, as `torch.nn.MultiheadAttention`'s keyword arguments. */
export interface MultiheadAttentionOptions extends LayerOptions {
  /** Dropout probability on the attention weights in training (default 0). */
  dropout?: number;
  /** Whether the input and output projections have biases (default true). */
  bias?: boolean;
  /** Append learnable `bias_k` and `bias_v` to the keys and values (default false). */
  addBiasKeyValue?: boolean;
  /** Append a zero key and value after the projections (default false). */
  addZeroAttention?: boolean;
  /** The features of the keys (PyTorch's `kdim`; default `embedDimension`). */
  keyDimension?: number;
  /** The features of the values (PyTorch's `vdim`; default `embedDimension`). */
  valueDimension?: number;
  /** Inputs and output are `[N, L, E]` instead of `[L, N, E]` (default false). */
  batchFirst?: boolean;
}

/** The options of {@link MultiheadAttention.forward}. */
export interface MultiheadAttentionForwardOptions {
  /** `[N, S]` (or `[S]` unbatched): bool, true for keys to ignore, or float, added to the scores. */
  keyPaddingMask?: Tensor | null;
  /** Return the attention weights (default true). */
  needWeights?: boolean;
  /**
   * `[L, S]` or `[N · numHeads, L, S]` (`[numHeads, L, S]` unbatched): bool, true where a query
   * may NOT attend, or float, added to the scores.
   */
  attentionMask?: Tensor | null;
  /** Average the returned weights over the heads (default true); else one map per head. */
  averageAttentionWeights?: boolean;
}

/**
 * Multi-head attention, as `torch.nn.MultiheadAttention`, with PyTorch's parameters:
 * `in_proj_weight` `[3E, E]` (or `q_proj_weight`, `k_proj_weight`, `v_proj_weight` when the key or
 * value dimension differs) initialised Xavier-uniform, `in_proj_bias` `[3E]` zeros, `bias_k` and
 * `bias_v` `[1, 1, E]` Xavier-normal (with `addBiasKeyValue`), and `out_proj`, a {@link Linear}
 * whose bias starts at zero. `forward` returns the output and, with `needWeights`, the
 * attention weights after dropout (averaged over heads by default), as PyTorch 1.13.
 *
 * @example
 * const attention = new MultiheadAttention(256, 8, { batchFirst: true });
 * const [output, weights] = attention.forward(x, x, x);
 */
export class MultiheadAttention extends Module<[Tensor, Tensor, Tensor, MultiheadAttentionForwardOptions?], [Tensor, Tensor | null]> {
  readonly inProjectionWeight: Parameter | null;
  readonly queryProjectionWeight: Parameter | null;
  readonly keyProjectionWeight: Parameter | null;
  readonly valueProjectionWeight: Parameter | null;
  readonly inProjectionBias: Parameter | null;
  readonly outProjection: Linear;
  readonly biasKey: Parameter | null;
  readonly biasValue: Parameter | null;
  readonly headDimension: number;
  readonly keyDimension: number;
  readonly valueDimension: number;
  readonly dropout: number;
  readonly batchFirst: boolean;
  readonly addZeroAttention: boolean;
  readonly #generator: LayerOptions['generator'];

  constructor(
    readonly embedDimension: number,
    readonly numHeads: number,
    options: MultiheadAttentionOptions = {},
  ) {
    super();
    if (!Number.isInteger(embedDimension) || embedDimension < 1) throw new RangeError(`MultiheadAttention: embedDimension must be a positive integer, got ${embedDimension}`);
    if (!Number.isInteger(numHeads) || numHeads < 1 || embedDimension % numHeads !== 0) {
      throw new RangeError(`MultiheadAttention: embedDimension = ${embedDimension} must be divisible by numHeads = ${numHeads}`);
    }
    this.headDimension = embedDimension / numHeads;
    this.keyDimension = options.keyDimension ?? embedDimension;
    this.valueDimension = options.valueDimension ?? embedDimension;
    this.dropout = options.dropout ?? 0;
    if (!(this.dropout >= 0 && this.dropout <= 1)) throw new RangeError(`MultiheadAttention: dropout must be in [0, 1], got ${this.dropout}`);
    this.batchFirst = options.batchFirst ?? false;
    this.addZeroAttention = options.addZeroAttention ?? false;
    this.#generator = options.generator;
    const bias = options.bias ?? true;
    const E = embedDimension;
    const packed = this.keyDimension === E && this.valueDimension === E;
    this.inProjectionWeight = this.registerParameter('in_proj_weight', packed ? emptyParameter([3 * E, E], options) : null);
    this.queryProjectionWeight = this.registerParameter('q_proj_weight', packed ? null : emptyParameter([E, E], options));
    this.keyProjectionWeight = this.registerParameter('k_proj_weight', packed ? null : emptyParameter([E, this.keyDimension], options));
    this.valueProjectionWeight = this.registerParameter('v_proj_weight', packed ? null : emptyParameter([E, this.valueDimension], options));
    this.inProjectionBias = this.registerParameter('in_proj_bias', bias ? emptyParameter([3 * E], options) : null);
    this.outProjection = this.registerModule('out_proj', new Linear(E, E, { ...options, bias }));
    const biasKeyValue = options.addBiasKeyValue ?? false;
    this.biasKey = this.registerParameter('bias_k', biasKeyValue ? emptyParameter([1, 1, E], options) : null);
    this.biasValue = this.registerParameter('bias_v', biasKeyValue ? emptyParameter([1, 1, E], options) : null);
    this.resetParameters(options);
  }

  /** Re-initialises the parameters as the constructor does (the output projection's weight is left as it is, as PyTorch). */
  resetParameters(options: Pick<LayerOptions, 'generator'> = {}): void {
    const generator = { generator: options.generator };
    for (const weight of [this.inProjectionWeight, this.queryProjectionWeight, this.keyProjectionWeight, this.valueProjectionWeight]) {
      if (weight) xavierUniform(weight, generator);
    }
    if (this.inProjectionBias) constant(this.inProjectionBias, 0);
    if (this.outProjection.bias) constant(this.outProjection.bias, 0);
    if (this.biasKey) xavierNormal(this.biasKey, generator);
    if (this.biasValue) xavierNormal(this.biasValue, generator);
  }

  /**
   * Attends from `query` (`[L, N, E]`, `[N, L, E]` with `batchFirst`, or `[L, E]` unbatched) to
   * `key` and `value` (`S` positions, `keyDimension` and `valueDimension` features). Returns the
   * output (the query's layout) and the attention weights (`[N, L, S]`, or `[N, numHeads, L, S]`
   * without averaging) or `null` when `needWeights` is false.
   */
  forward(query: Tensor, key: Tensor, value: Tensor, options: MultiheadAttentionForwardOptions = {}): [Tensor, Tensor | null] {
    const batched = this.#checkInputs(query, key, value);
    const needWeights = options.needWeights ?? true;
    return tidy(() => {
      const toBatchFirst = (x: Tensor): Tensor => (!batched ? unsqueeze(x, 0) : this.batchFirst ? x : transpose(x, 0, 1));
      const selfAttention = query === key && key === value;
      let [q, k, v] = this.#project(toBatchFirst(query), toBatchFirst(key), toBatchFirst(value), selfAttention);
      const [batch, targetLength] = q.shape as [number, number];
      let mask = this.#additiveMask(options, batched, batch, targetLength, k.shape[1] as number, q);
      if (this.biasKey && this.biasValue) {
        k = concat([k, expand(this.biasKey, [batch, 1, this.embedDimension])], 1);
        v = concat([v, expand(this.biasValue, [batch, 1, this.embedDimension])], 1);
        if (mask) mask = pad(mask, [0, 1]);
      }
      let heads = [q, k, v].map((x) => permute(reshape(x, [batch, x.shape[1] as number, this.numHeads, this.headDimension]), [0, 2, 1, 3]));
      if (this.addZeroAttention) {
        heads = heads.map((x, index) => (index === 0 ? x : concat([x, zeros([batch, this.numHeads, 1, this.headDimension], { backend: x.backend, dtype: x.dtype })], 2)));
        if (mask) mask = pad(mask, [0, 1]);
      }
      const [queryHeads, keyHeads, valueHeads] = heads as [Tensor, Tensor, Tensor];
      const dropoutP = this.training ? this.dropout : 0;
      let attended: Tensor;
      let weights: Tensor | null = null;
      if (needWeights) {
        let scores = matmul(mul(queryHeads, 1 / Math.sqrt(this.headDimension)), keyHeads, false, true);
        if (mask) scores = add(scores, mask);
        weights = softmax(scores, -1);
        if (dropoutP > 0) weights = dropout(weights, dropoutP, true, this.#generator);
        attended = matmul(weights, valueHeads);
      } else {
        attended = scaledDotProductAttention(queryHeads, keyHeads, valueHeads, { mask, dropoutP, ...(this.#generator ? { generator: this.#generator } : {}) });
      }
      const merged = reshape(permute(attended, [0, 2, 1, 3]), [batch, targetLength, this.embedDimension]);
      const projected = this.outProjection.forward(merged);
      const output = !batched ? squeeze(projected, 0) : this.batchFirst ? projected : transpose(projected, 0, 1);
      if (weights && (options.averageAttentionWeights ?? true)) weights = mean(weights, 1);
      if (weights && !batched) weights = squeeze(weights, 0);
      return [output, weights];
    });
  }

  /** Checks ranks and sizes; returns whether the input is batched. */
  #checkInputs(query: Tensor, key: Tensor, value: Tensor): boolean {
    const shapes = `query ${formatShape(query.shape)}, key ${formatShape(key.shape)}, value ${formatShape(value.shape)}`;
    if (query.rank !== 2 && query.rank !== 3) throw new RangeError(`MultiheadAttention: expected a 2-D (unbatched) or 3-D query, got ${shapes}`);
    if (key.rank !== query.rank || value.rank !== query.rank) throw new RangeError(`MultiheadAttention: query, key and value must have the same rank, got ${shapes}`);
    const last = query.rank - 1;
    const expected = [this.embedDimension, this.keyDimension, this.valueDimension];
    if ([query, key, value].some((x, index) => x.shape[last] !== expected[index])) {
      throw new RangeError(`MultiheadAttention: expected ${expected.join(', ')} features in query, key and value, got ${shapes}`);
    }
    const sequenceAxis = query.rank === 3 && this.batchFirst ? 1 : 0;
    if (key.shape[sequenceAxis] !== value.shape[sequenceAxis]) throw new RangeError(`MultiheadAttention: key and value must have the same length, got ${shapes}`);
    if (query.rank === 3) {
      const batchAxis = 1 - sequenceAxis;
      if (key.shape[batchAxis] !== query.shape[batchAxis] || value.shape[batchAxis] !== query.shape[batchAxis]) {
        throw new RangeError(`MultiheadAttention: query, key and value must have the same batch size, got ${shapes}`);
      }
    }
    return query.rank === 3;
  }

  /** The input projections of `[N, L, *]` query, key and value. */
  #project(query: Tensor, key: Tensor, value: Tensor, selfAttention: boolean): [Tensor, Tensor, Tensor] {
    const E = this.embedDimension;
    if (this.inProjectionWeight && selfAttention) {
      return split(linear(query, this.inProjectionWeight, this.inProjectionBias), E, -1) as [Tensor, Tensor, Tensor];
    }
    const biases = this.inProjectionBias ? (split(this.inProjectionBias, E, 0) as [Tensor, Tensor, Tensor]) : [null, null, null];
    if (this.inProjectionWeight) {
      const [wq, wk, wv] = split(this.inProjectionWeight, E, 0) as [Tensor, Tensor, Tensor];
      return [linear(query, wq, biases[0]), linear(key, wk, biases[1]), linear(value, wv, biases[2])];
    }
    return [
      linear(query, this.queryProjectionWeight as Tensor, biases[0]),
      linear(key, this.keyProjectionWeight as Tensor, biases[1]),
      linear(value, this.valueProjectionWeight as Tensor, biases[2]),
    ];
  }

  /**
   * The attention and key padding masks as one float mask added to the `[N, H, L, S]` scores
   * (bool masks become -infinity where true), or null.
   */
  #additiveMask(options: MultiheadAttentionForwardOptions, batched: boolean, batch: number, targetLength: number, sourceLength: number, like: Tensor): Tensor | null {
    const toAdditive = (mask: Tensor): Tensor => (mask.dtype === 'bool' ? where(mask, Number.NEGATIVE_INFINITY, zeros(mask.shape, { backend: like.backend, dtype: like.dtype })) : mask);
    let combined: Tensor | null = null;
    const attentionMask = options.attentionMask ?? null;
    if (attentionMask) {
      const heads = batched ? batch * this.numHeads : this.numHeads;
      let shape: number[];
      if (attentionMask.rank === 2 && attentionMask.shape[0] === targetLength && attentionMask.shape[1] === sourceLength) shape = [1, 1, targetLength, sourceLength];
      else if (attentionMask.rank === 3 && attentionMask.shape[0] === heads && attentionMask.shape[1] === targetLength && attentionMask.shape[2] === sourceLength) {
        shape = [batch, this.numHeads, targetLength, sourceLength];
      } else {
        throw new RangeError(
          `MultiheadAttention: attentionMask must be [${targetLength}, ${sourceLength}] or [${heads}, ${targetLength}, ${sourceLength}], got ${formatShape(attentionMask.shape)}`,
        );
      }
      combined = reshape(toAdditive(attentionMask), shape);
    }
    const keyPaddingMask = options.keyPaddingMask ?? null;
    if (keyPaddingMask) {
      const expected = batched ? [batch, sourceLength] : [sourceLength];
      if (formatShape(keyPaddingMask.shape) !== formatShape(expected)) {
        throw new RangeError(`MultiheadAttention: keyPaddingMask must be ${formatShape(expected)}, got ${formatShape(keyPaddingMask.shape)}`);
      }
      const padding = reshape(toAdditive(keyPaddingMask), [batch, 1, 1, sourceLength]);
      combined = combined ? add(combined, padding) : padding;
    }
    return combined;
  }
}
