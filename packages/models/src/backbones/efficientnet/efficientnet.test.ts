import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conv2dAdaptivePadding } from '../../layers/conv2d-adaptive-padding';
import { EfficientNet } from './efficientnet';
import { EFFICIENTNET_LAYER_SETTINGS, scaleLayerSettings } from './efficientnet-settings';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('EfficientNet', () => {
  it('scales the layers as MMPretrain (widths of b3 from the reference script)', () => {
    const b0 = scaleLayerSettings(EFFICIENTNET_LAYER_SETTINGS.b, 1, 1);
    expect(b0.map((layer) => layer.length)).toEqual([1, 1, 2, 2, 6, 5, 1]);
    const b3 = scaleLayerSettings(EFFICIENTNET_LAYER_SETTINGS.b, 1.2, 1.4);
    expect(b3.map((layer) => layer.map((block) => block[1]))).toEqual([
      [40],
      [24, 24],
      [32, 32, 32],
      [48, 48, 48],
      [96, 96, 96, 96, 96, 136, 136, 136, 136, 136],
      [232, 232, 232, 232, 232, 232, 384, 384],
      [1536],
    ]);
  });

  it('returns the maps of b0 and the EdgeTPU arch', () => {
    const model = new EfficientNet({ arch: 'b0', out_indices: [0, 1, 2, 3, 4, 5, 6] }).eval();
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 64, 64])).map((t) => t.shape)));
    expect(shapes).toEqual([[1, 32, 32, 32], [1, 16, 32, 32], [1, 24, 16, 16], [1, 40, 8, 8], [1, 112, 4, 4], [1, 320, 2, 2], [1, 1280, 2, 2]]);
    model.dispose();
    const edge = new EfficientNet({ arch: 'es' });
    expect([...edge.stateDict().keys()]).toContain('layers.1.0.conv1.conv.weight');
    edge.dispose();
    expect(() => new EfficientNet({ arch: 'b9' })).toThrow(/"b9" is not one of the arch_settings/);
  });

  it('pads like TensorFlow "same" with Conv2dAdaptivePadding', () => {
    const conv = new Conv2dAdaptivePadding(1, 1, 3, { stride: 2 });
    expect(tidy(() => conv.forward(randn([1, 1, 7, 8])).shape)).toEqual([1, 1, 4, 4]);
    conv.dispose();
  });
});
