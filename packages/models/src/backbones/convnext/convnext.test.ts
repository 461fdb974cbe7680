import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvNeXt } from './convnext';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const narrow = { depths: [1, 1, 1, 1], channels: [8, 16, 24, 32] };

describe('ConvNeXt', () => {
  it('returns normalised pooled features, or normalised maps without gap_before_final_norm', () => {
    const pooled = new ConvNeXt({ arch: narrow, out_indices: [0, 1, 2, 3] }).eval();
    expect(tidy(() => noGrad(() => pooled.forward(randn([2, 3, 64, 64])).map((t) => t.shape)))).toEqual([[2, 8], [2, 16], [2, 24], [2, 32]]);
    pooled.dispose();
    const maps = new ConvNeXt({ arch: narrow, gap_before_final_norm: false }).eval();
    expect(tidy(() => noGrad(() => maps.forward(randn([1, 3, 64, 64]))[0]?.shape))).toEqual([1, 32, 2, 2]);
    expect([...maps.stateDict().keys()].filter((key) => key.startsWith('norm'))).toEqual(['norm3.weight', 'norm3.bias']);
    expect([...maps.stateDict().keys()]).toContain('stages.0.0.gamma');
    maps.dispose();
  });

  it('freezes stages, spreads drop path and checks its arch', () => {
    const model = new ConvNeXt({ arch: narrow, frozen_stages: 2, drop_path_rate: 0.3 });
    model.train();
    expect(model.getParameter('downsample_layers.1.1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('stages.1.0.pointwise_conv1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('stages.2.0.pointwise_conv1.weight').requiresGrad).toBe(true);
    const last = model.getSubmodule('stages.3.0') as unknown as { dropPath: { dropProb: number } | null };
    expect(last.dropPath?.dropProb).toBeCloseTo(0.3, 6);
    model.dispose();
    expect(() => new ConvNeXt({ arch: 'huge-ish' })).toThrow(/unknown arch "huge-ish"/);
    expect(() => new ConvNeXt({ arch: { depths: [1, 1], channels: [8] } })).toThrow(/must be lists of the same length/);
  });
});
