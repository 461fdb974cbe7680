import { type Generator, type Tensor, defaultGenerator, gather, repeat, reshape, tensor, tidy } from '@mmpt/tensor';

/** What {@link randomMasking} returns. */
export interface RandomMaskingResult {
  /** The kept tokens `[N, keep, D]`, in the shuffled order. */
  xMasked: Tensor;
  /** `[N, L]` float32: 0 for kept tokens, 1 for removed ones, in the original order. */
  mask: Tensor;
  /** `[N, L]` int32: where each original token sits in the shuffled order (to restore it). */
  idsRestore: Tensor;
  /** `[N, keep]` int32: the original index of each kept token. */
  idsKeep: Tensor;
}

/**
 * MAE's per-sample random masking (MMPretrain's `MAEViT.random_masking`): each sample draws uniform
 * noise per token, sorts it (`ids_shuffle`, ascending: small is kept), keeps exactly
 * `int(L * (1 - maskRatio))` tokens, and records `ids_restore` (the inverse permutation) and the
 * binary mask in the original order. The noise comes from `generator` (the default generator).
 */
export function randomMasking(x: Tensor, maskRatio: number, generator: Generator = defaultGenerator): RandomMaskingResult {
  if (x.rank !== 3) throw new RangeError(`randomMasking: expected [N, L, D] tokens, got [${x.shape.join(', ')}]`);
  if (!(maskRatio >= 0 && maskRatio < 1)) throw new RangeError(`randomMasking: mask_ratio must be in [0, 1), got ${maskRatio}`);
  const [batch, length, dims] = x.shape as [number, number, number];
  const keep = Math.trunc(length * (1 - maskRatio));
  const idsKeep = new Int32Array(batch * keep);
  const idsRestore = new Int32Array(batch * length);
  const mask = new Float32Array(batch * length);
  const noise = new Float64Array(length);
  const order = Array.from({ length }, (_, index) => index);
  for (let sample = 0; sample < batch; sample++) {
    for (let token = 0; token < length; token++) noise[token] = generator.uniform();
    order.sort((a, b) => (noise[a] as number) - (noise[b] as number) || a - b);
    for (let rank = 0; rank < length; rank++) {
      const token = order[rank] as number;
      idsRestore[sample * length + token] = rank;
      if (rank < keep) idsKeep[sample * keep + rank] = token;
      else mask[sample * length + token] = 1;
    }
    order.sort((a, b) => a - b);
  }
  const backend = x.backend;
  const keepTensor = tensor(idsKeep, { shape: [batch, keep], backend });
  const xMasked = tidy(() => gather(x, 1, repeat(reshape(keepTensor, [batch, keep, 1]), [1, 1, dims])));
  return {
    xMasked,
    mask: tensor(mask, { shape: [batch, length], backend }),
    idsRestore: tensor(idsRestore, { shape: [batch, length], backend }),
    idsKeep: keepTensor,
  };
}
