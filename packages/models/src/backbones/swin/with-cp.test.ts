import { type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';
import { SwinBlock } from './swin-block';
import { SwinTransformer } from './swin-transformer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('SwinTransformer with_cp', () => {
  it('gives the same loss and gradients with and without checkpointing (shifted windows, drop path)', () => {
    const build = (withCp: boolean) =>
      new SwinTransformer({ arch: { embed_dims: 8, depths: [2, 2], num_heads: [1, 2] }, img_size: 32, window_size: 4, out_indices: [0, 1], drop_path_rate: 0.3, with_cp: withCp });
    expectSameWithCp(build, [2, 3, 32, 32], { seed: 3, initWeights: true, random: true });
  });

  it('passes with_cp to every block and runs them plainly under noGrad', () => {
    const model = new SwinTransformer({ arch: { embed_dims: 8, depths: [2, 2], num_heads: [1, 2] }, img_size: 32, window_size: 4, out_indices: [1], with_cp: true });
    const blocks = model.modules().filter((module): module is SwinBlock => module instanceof SwinBlock);
    expect(blocks.map((block) => block.withCp)).toEqual([true, true, true, true]);
    const input = randn([1, 3, 32, 32]);
    const output = noGrad(() => model.forward(input)[0] as Tensor);
    expect(output.gradFn).toBeNull();
    for (const tensor of [output, input]) tensor.dispose();
    model.dispose();
  });
});
