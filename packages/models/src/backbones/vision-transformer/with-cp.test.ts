import { type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';
import { TransformerEncoderLayer } from './transformer-encoder-layer';
import { VisionTransformer } from './vision-transformer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('VisionTransformer with_cp', () => {
  it('gives the same loss and gradients with and without checkpointing (layer scale, dropout, drop path)', () => {
    const build = (withCp: boolean) =>
      new VisionTransformer({
        arch: { embed_dims: 16, num_layers: 4, num_heads: 2, feedforward_channels: 32 },
        img_size: 16,
        patch_size: 4,
        out_type: 'featmap',
        out_indices: [1, 3],
        drop_rate: 0.1,
        drop_path_rate: 0.3,
        layer_scale_init_value: 0.5,
        with_cp: withCp,
      });
    expectSameWithCp(build, [2, 3, 16, 16], { seed: 11, initWeights: true, random: true });
  });

  it('passes with_cp to every layer and runs them plainly under noGrad', () => {
    const model = new VisionTransformer({ arch: { embed_dims: 16, num_layers: 2, num_heads: 2, feedforward_channels: 32 }, img_size: 16, patch_size: 4, with_cp: true });
    expect(model.layers.children().map((layer) => (layer as TransformerEncoderLayer).withCp)).toEqual([true, true]);
    const input = randn([1, 3, 16, 16]);
    const output = noGrad(() => model.forward(input)[0] as Tensor);
    expect(output.gradFn).toBeNull();
    for (const tensor of [output, input]) tensor.dispose();
    model.dispose();
  });
});
