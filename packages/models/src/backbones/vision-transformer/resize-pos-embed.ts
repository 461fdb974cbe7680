import { type InterpolateMode, type Tensor, concat, flatten, interpolate, permute, reshape, tidy, transpose } from '@mmpt/tensor';

/**
 * MMPretrain's `resize_pos_embed`: resizes the patch part of a `[1, L, C]` position embedding from
 * the `source` patch grid to `target` (`[h, w]`) by interpolation (bicubic by default, corners
 * not aligned), keeping the first `numExtraTokens` (class/distillation tokens) as they are.
 * Returns the input itself when the grids are equal.
 */
export function resizePosEmbed(posEmbed: Tensor, source: readonly [number, number], target: readonly [number, number], mode: InterpolateMode = 'bicubic', numExtraTokens = 1): Tensor {
  if (source[0] === target[0] && source[1] === target[1]) return posEmbed;
  if (posEmbed.rank !== 3) throw new RangeError(`resizePosEmbed: expected a [1, L, C] position embedding, got [${posEmbed.shape.join(', ')}]`);
  const [, length, channels] = posEmbed.shape as [number, number, number];
  if (length !== source[0] * source[1] + numExtraTokens) {
    throw new RangeError(`resizePosEmbed: the length of pos_embed (${length}) does not match ${source[0]}*${source[1]}+${numExtraTokens}; check img_size`);
  }
  return tidy(() => {
    const extra = posEmbed.slice([undefined, { end: numExtraTokens }]);
    const grid = permute(reshape(posEmbed.slice([undefined, { start: numExtraTokens }]), [1, source[0], source[1], channels]), [0, 3, 1, 2]);
    const resized = interpolate(grid, { size: [target[0], target[1]], mode, ...(mode === 'nearest' ? {} : { alignCorners: false }) });
    return concat([extra, transpose(flatten(resized, 2), 1, 2)], 1);
  });
}
