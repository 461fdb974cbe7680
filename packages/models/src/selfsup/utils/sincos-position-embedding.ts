import { type Tensor, tensor } from '@mmpt/tensor';

/**
 * MMPretrain's `build_2d_sincos_position_embedding`: the fixed 2-D sine-cosine position embedding
 * `[1, h w (+1), embed_dims]` of a patch grid. With `ω_d = 1 / temperature^(d / (embed_dims / 4))`,
 * the entry of patch `(i, j)` (index `i h + j`, `i` over the width, `j` over the height, as
 * `torch.meshgrid(arange(w), arange(h))` orders them) is
 * `[sin(i ω), cos(i ω), sin(j ω), cos(j ω)]`; `clsToken` prepends a row of zeros.
 */
export function build2dSincosPositionEmbedding(
  patchesResolution: number | readonly [number, number],
  embedDims: number,
  options: { temperature?: number; clsToken?: boolean } = {},
): Tensor {
  const [height, width] = typeof patchesResolution === 'number' ? [patchesResolution, patchesResolution] : patchesResolution;
  if (embedDims % 4 !== 0) throw new RangeError(`build2dSincosPositionEmbedding: embed_dims must be divisible by 4 for the 2D sin-cos position embedding, got ${embedDims}`);
  const temperature = options.temperature ?? 10000;
  const positionDims = embedDims / 4;
  const omega = Float64Array.from({ length: positionDims }, (_, index) => 1 / temperature ** (Math.fround(index / positionDims)));
  const extra = options.clsToken ? 1 : 0;
  const data = new Float32Array((height * width + extra) * embedDims);
  let row = extra;
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < height; j++) {
      const base = row * embedDims;
      for (let d = 0; d < positionDims; d++) {
        const angleW = Math.fround(i * Math.fround(omega[d] as number));
        const angleH = Math.fround(j * Math.fround(omega[d] as number));
        data[base + d] = Math.sin(angleW);
        data[base + positionDims + d] = Math.cos(angleW);
        data[base + 2 * positionDims + d] = Math.sin(angleH);
        data[base + 3 * positionDims + d] = Math.cos(angleH);
      }
      row++;
    }
  }
  return tensor(data, { shape: [1, height * width + extra, embedDims] });
}
