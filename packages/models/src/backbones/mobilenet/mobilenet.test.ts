import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MobileNetV2 } from './mobilenet-v2';
import { MobileNetV3 } from './mobilenet-v3';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('MobileNetV2', () => {
  it('returns the feature maps of MMPretrain for a 224x224 input', () => {
    const model = new MobileNetV2({ out_indices: [0, 1, 2, 3, 4, 5, 6, 7] }).eval();
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 224, 224])).map((t) => t.shape)));
    expect(shapes).toEqual([
      [1, 16, 112, 112],
      [1, 24, 56, 56],
      [1, 32, 28, 28],
      [1, 64, 14, 14],
      [1, 96, 14, 14],
      [1, 160, 7, 7],
      [1, 320, 7, 7],
      [1, 1280, 7, 7],
    ]);
    model.dispose();
  });

  it('widens the last conv only above 1 and freezes stages', () => {
    const wide = new MobileNetV2({ widen_factor: 1.5 });
    expect(wide.outChannels).toBe(1920);
    wide.dispose();
    const frozen = new MobileNetV2({ widen_factor: 0.25, frozen_stages: 2, norm_eval: true });
    frozen.train();
    expect(frozen.getParameter('conv1.conv.weight').requiresGrad).toBe(false);
    expect(frozen.getParameter('layer2.0.conv.0.conv.weight').requiresGrad).toBe(false);
    expect(frozen.getParameter('layer3.0.conv.0.conv.weight').requiresGrad).toBe(true);
    expect(frozen.getSubmodule('layer5.0.conv.1.bn').training).toBe(false);
    expect(() => new MobileNetV2({ out_indices: [8] })).toThrow('MobileNetV2: the items of out_indices must be in 0..7, got 8');
    frozen.dispose();
  });
});

describe('MobileNetV3', () => {
  it('builds the small and large archs with SE layers and hard activations', () => {
    const small = new MobileNetV3({ arch: 'small', out_indices: [0, 1, 12] }).eval();
    const keys = [...small.stateDict().keys()];
    expect(keys.slice(0, 3)).toEqual(['layer0.conv.weight', 'layer0.bn.weight', 'layer0.bn.bias']);
    expect(keys).toContain('layer1.se.conv1.conv.bias');
    expect(keys).toContain('layer4.expand_conv.conv.weight');
    expect(keys).not.toContain('layer1.expand_conv.conv.weight');
    expect(small.featDim).toBe(576);
    const shapes = tidy(() => noGrad(() => small.forward(randn([1, 3, 64, 64])).map((t) => t.shape)));
    expect(shapes).toEqual([
      [1, 16, 32, 32],
      [1, 16, 16, 16],
      [1, 576, 2, 2],
    ]);
    small.dispose();
    const large = new MobileNetV3({ arch: 'large' });
    expect(large.outIndices).toEqual([16]);
    expect(large.featDim).toBe(960);
    large.dispose();
    expect(() => new MobileNetV3({ arch: 'medium' as 'small' })).toThrow(/unknown arch "medium"/);
  });
});
