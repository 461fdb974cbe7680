import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { ResNet } from './resnet';
import { ResNetV1c, ResNetV1d, ResNet_CIFAR } from './resnet-variants';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('ResNet', () => {
  it('has the parameter counts of MMPretrain (torchvision without fc)', () => {
    const resnet18 = new ResNet({ depth: 18 });
    expect(resnet18.numParameters()).toBe(11_176_512);
    resnet18.dispose();
    const resnet50 = new ResNet({ depth: 50 });
    expect(resnet50.numParameters()).toBe(23_508_032);
    resnet50.dispose();
  });

  it('uses the state-dict names of MMPretrain', () => {
    const model = new ResNet({ depth: 50 });
    const keys = [...model.stateDict().keys()];
    expect(keys.slice(0, 7)).toEqual(['conv1.weight', 'bn1.weight', 'bn1.bias', 'bn1.running_mean', 'bn1.running_var', 'bn1.num_batches_tracked', 'layer1.0.conv1.weight']);
    expect(keys).toContain('layer1.0.downsample.0.weight');
    expect(keys).toContain('layer4.2.bn3.running_var');
    model.dispose();
    const v1d = new ResNetV1d({ depth: 50 });
    const v1dKeys = [...v1d.stateDict().keys()];
    expect(v1dKeys[0]).toBe('stem.0.conv.weight');
    expect(v1dKeys).toContain('stem.2.bn.weight');
    expect(v1dKeys).toContain('layer2.0.downsample.1.weight');
    v1d.dispose();
  });

  it('returns the feature maps of out_indices', () => {
    const model = new ResNet({ depth: 18, out_indices: [0, 1, 2, 3] }).eval();
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 64, 64])).map((t) => t.shape)));
    expect(shapes).toEqual([
      [1, 64, 16, 16],
      [1, 128, 8, 8],
      [1, 256, 4, 4],
      [1, 512, 2, 2],
    ]);
    model.dispose();
    const cifar = new ResNet_CIFAR({ depth: 18 }).eval();
    const cifarShape = tidy(() => noGrad(() => cifar.forward(randn([2, 3, 32, 32]))[0]?.shape));
    expect(cifarShape).toEqual([2, 512, 4, 4]);
    cifar.dispose();
    const v1c = new ResNetV1c({ depth: 50, out_indices: [-1] }).eval();
    expect(tidy(() => noGrad(() => v1c.forward(randn([1, 3, 32, 32]))[0]?.shape))).toEqual([1, 2048, 1, 1]);
    v1c.dispose();
  });

  it('freezes stages and keeps norms in eval mode', () => {
    const model = new ResNet({ depth: 18, frozen_stages: 1, norm_eval: true });
    model.train();
    expect(model.getParameter('conv1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('layer1.0.conv1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('layer2.0.conv1.weight').requiresGrad).toBe(true);
    expect(model.getSubmodule('layer3.0.bn1').training).toBe(false);
    model.dispose();
  });

  it('zero-initialises the last norm of each residual block', () => {
    const model = new ResNet({ depth: 18 });
    model.initWeights();
    expect(Array.from(model.getParameter('layer1.0.bn2.weight').dataSync()).every((value) => value === 0)).toBe(true);
    expect(Array.from(model.getParameter('layer1.0.bn1.weight').dataSync()).every((value) => value === 1)).toBe(true);
    model.dispose();
  });

  it('rejects an unknown depth and bad out_indices', () => {
    expect(() => new ResNet({ depth: 19 as 18 })).toThrow('ResNet: invalid depth 19; choose one of 18, 34, 50, 101, 152');
    expect(() => new ResNet({ depth: 18, out_indices: [4] })).toThrow('ResNet: invalid out_indices entry 4 for 4 stages');
  });
});
