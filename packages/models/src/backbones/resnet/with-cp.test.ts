import { type AnyModule, type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../test-support/fixtures';
import { BasicBlock } from './basic-block';
import { Bottleneck } from './bottleneck';
import { RegNet } from './regnet';
import { ResNet } from './resnet';
import { ResNet_CIFAR } from './resnet-variants';
import { ResNeXt } from './resnext';
import { SEResNet } from './seresnet';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('with_cp (gradient checkpointing) in the ResNet family', () => {
  it('ResNet_CIFAR-18 (BasicBlock, drop path) gives the same loss and gradients with and without it', () => {
    expectSameWithCp((withCp) => new ResNet_CIFAR({ depth: 18, stem_channels: 8, base_channels: 8, drop_path_rate: 0.3, with_cp: withCp }), [2, 3, 16, 16], { random: true });
  });

  it('a narrow ResNet-50 (Bottleneck with downsample) gives the same loss and gradients', () => {
    expectSameWithCp((withCp) => new ResNet({ depth: 50, stem_channels: 8, base_channels: 4, out_indices: [2, 3], with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('SEResNet and ResNeXt give the same loss and gradients', () => {
    expectSameWithCp((withCp) => new SEResNet({ depth: 50, stem_channels: 8, base_channels: 8, with_cp: withCp }), [2, 3, 32, 32]);
    expectSameWithCp((withCp) => new ResNeXt({ depth: 50, stem_channels: 8, base_channels: 8, groups: 2, width_per_group: 4, with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('updates the running statistics of a checkpointed block twice (forward and recompute), as PyTorch', () => {
    const model = new ResNet_CIFAR({ depth: 18, stem_channels: 8, base_channels: 8, num_stages: 1, strides: [1], dilations: [1], out_indices: [0], with_cp: true });
    const input = randn([2, 3, 8, 8]);
    tidy(() => (model.forward(input)[0] as Tensor).sum().backward());
    expect(model.getBuffer('bn1.num_batches_tracked').item()).toBe(1);
    expect(model.getBuffer('layer1.0.bn1.num_batches_tracked').item()).toBe(2);
    input.dispose();
    model.dispose();
  });

  it('runs the same blocks without checkpointing under noGrad', () => {
    const model = new ResNet_CIFAR({ depth: 18, stem_channels: 8, base_channels: 8, with_cp: true }).eval();
    const plain = new ResNet_CIFAR({ depth: 18, stem_channels: 8, base_channels: 8 }).eval();
    plain.loadStateDict(model.stateDict());
    const input = randn([1, 3, 8, 8]);
    const [a, b] = noGrad(() => [model.forward(input)[0] as Tensor, plain.forward(input)[0] as Tensor]);
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    expect(a.gradFn).toBeNull();
    for (const tensor of [a, b, input]) tensor.dispose();
    model.dispose();
    plain.dispose();
  });

  it('accepts with_cp in configs (default false) and passes it to every block', () => {
    const blocksOf = (model: AnyModule): Array<{ withCp: boolean }> =>
      model.modules().filter((module): module is BasicBlock | Bottleneck => module instanceof BasicBlock || module instanceof Bottleneck);
    const configs: Array<Record<string, unknown>> = [
      { type: 'ResNet', depth: 18, base_channels: 8, stem_channels: 8 },
      { type: 'ResNetV1c', depth: 50, base_channels: 8, stem_channels: 8 },
      { type: 'ResNetV1d', depth: 50, base_channels: 8, stem_channels: 8 },
      { type: 'ResNet_CIFAR', depth: 18, base_channels: 8, stem_channels: 8 },
      { type: 'ResNeXt', depth: 50, base_channels: 8, stem_channels: 8, groups: 2 },
      { type: 'SEResNet', depth: 50, base_channels: 8, stem_channels: 8 },
      { type: 'RegNet', arch: 'regnetx_400mf' },
    ];
    for (const config of configs) {
      const withCp = buildModel({ ...config, with_cp: true });
      const blocks = blocksOf(withCp);
      expect(blocks.length, String(config.type)).toBeGreaterThan(0);
      expect(blocks.every((block) => block.withCp), String(config.type)).toBe(true);
      withCp.dispose();
      const byDefault = buildModel(config);
      expect(blocksOf(byDefault).some((block) => block.withCp), String(config.type)).toBe(false);
      byDefault.dispose();
    }
    expect(new RegNet({ arch: 'regnetx_400mf', with_cp: true })).toBeInstanceOf(RegNet);
  });
});
