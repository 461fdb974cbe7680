import { type AnyModule, type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';
import { ConvNeXt } from './convnext';
import { ConvNeXtBlock } from './convnext-block';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('ConvNeXt with_cp', () => {
  it('gives the same loss and gradients with and without checkpointing (V2 blocks, drop path, 1x1 convs)', () => {
    const build = (withCp: boolean) =>
      new ConvNeXt({ arch: { depths: [2, 2], channels: [8, 16] }, out_indices: [0, 1], use_grn: true, layer_scale_init_value: 0, linear_pw_conv: false, drop_path_rate: 0.3, with_cp: withCp });
    expectSameWithCp(build, [2, 3, 32, 32], { seed: 5, inputRequiresGrad: true, random: true });
  });

  it('passes with_cp to every block and runs them plainly under noGrad', () => {
    const model = new ConvNeXt({ arch: { depths: [1, 2], channels: [8, 16] }, out_indices: [1], with_cp: true });
    const blocks = model.modules().filter((module): module is ConvNeXtBlock => module instanceof ConvNeXtBlock);
    expect(blocks.map((block) => block.withCp)).toEqual([true, true, true]);
    const input = randn([1, 3, 16, 16]);
    input.requiresGrad = true;
    const output = noGrad(() => (model.forward(input)[0] as Tensor));
    expect(output.gradFn).toBeNull();
    for (const tensor of [output, input]) tensor.dispose();
    model.dispose();
    const plain = new ConvNeXt({ arch: { depths: [1, 1], channels: [8, 16] }, out_indices: [1] });
    expect(plain.modules().some((module: AnyModule) => module instanceof ConvNeXtBlock && module.withCp)).toBe(false);
    plain.dispose();
  });
});
