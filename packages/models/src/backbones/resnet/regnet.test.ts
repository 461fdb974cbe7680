import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RegNet } from './regnet';
import { REGNET_ARCHS, regnetStages } from './regnet-widths';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('RegNet', () => {
  it("computes MMPretrain's stage widths", () => {
    expect(regnetStages(REGNET_ARCHS['regnetx_400mf'] as never).widths).toEqual([32, 64, 160, 384]);
    expect(regnetStages(REGNET_ARCHS['regnetx_3.2gf'] as never)).toEqual({ widths: [96, 192, 432, 1008], blocks: [2, 6, 15, 2], groupWidths: [48, 48, 48, 48] });
    expect(regnetStages(REGNET_ARCHS['regnetx_12gf'] as never).widths).toEqual([224, 448, 896, 2240]);
  });

  it('returns the maps of each stage (the example of MMPretrain)', () => {
    const model = new RegNet({ arch: { w0: 88, wa: 26.31, wm: 2.25, group_w: 48, depth: 25, bot_mul: 1.0 }, out_indices: [0, 1, 2, 3] }).eval();
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 32, 32])).map((t) => t.shape)));
    expect(shapes).toEqual([[1, 96, 8, 8], [1, 192, 4, 4], [1, 432, 2, 2], [1, 1008, 1, 1]]);
    model.initWeights();
    expect(Array.from(model.getParameter('layer1.0.bn3.weight').dataSync()).every((value) => value === 0)).toBe(true);
    model.dispose();
    expect(() => new RegNet({ arch: 'regnety_400mf' })).toThrow(/"regnety_400mf" is not one of/);
  });
});
