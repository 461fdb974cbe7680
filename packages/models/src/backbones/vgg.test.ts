import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VGG } from './vgg';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('VGG', () => {
  it('returns the maps of the requested stages', () => {
    const model = new VGG({ depth: 11, norm_cfg: { type: 'BN' }, out_indices: [0, 2, 4] }).eval();
    expect([...model.stateDict().keys()].slice(0, 3)).toEqual(['features.0.conv.weight', 'features.0.conv.bias', 'features.0.bn.weight']);
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 64, 64])).map((t) => t.shape)));
    expect(shapes).toEqual([[1, 64, 32, 32], [1, 256, 8, 8], [1, 512, 2, 2]]);
    model.train();
    model.dispose();
    const noPool = new VGG({ depth: 11, with_last_pool: false, num_stages: 3, dilations: [1, 1, 1], out_indices: [2] }).eval();
    expect(tidy(() => noGrad(() => noPool.forward(randn([1, 3, 32, 32]))[0]?.shape))).toEqual([1, 256, 8, 8]);
    noPool.dispose();
    expect(() => new VGG({ depth: 12 as 11 })).toThrow('VGG: invalid depth 12; choose one of 11, 13, 16, 19');
  });
});
