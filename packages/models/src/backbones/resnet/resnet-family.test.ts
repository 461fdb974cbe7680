import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResNet } from './resnet';
import { ResNeXt } from './resnext';
import { SEResNet } from './seresnet';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('ResNeXt and SEResNet', () => {
  it('accept only the bottleneck depths', () => {
    expect(() => new ResNeXt({ depth: 18 as 50 })).toThrow('ResNeXt: invalid depth 18; choose one of 50, 101, 152');
    expect(() => new SEResNet({ depth: 34 as 50 })).toThrow('SEResNet: invalid depth 34; choose one of 50, 101, 152');
  });

  it('return the feature maps of every stage', () => {
    const model = new SEResNet({ depth: 50, base_channels: 8, stem_channels: 8, out_indices: [0, 1, 2, 3] }).eval();
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 64, 64])).map((t) => t.shape)));
    expect(shapes).toEqual([
      [1, 32, 16, 16],
      [1, 64, 8, 8],
      [1, 128, 4, 4],
      [1, 256, 2, 2],
    ]);
    model.dispose();
  });

  it('spread stochastic depth linearly over the blocks, as MMPretrain', () => {
    const model = new ResNet({ depth: 18, base_channels: 8, stem_channels: 8, drop_path_rate: 0.7 });
    const rates = [0, 1, 2, 3].flatMap((stage) => [0, 1].map((block) => {
      const dropPath = model.getSubmodule(`layer${stage + 1}.${block}`) as unknown as { dropPath: { dropProb: number } | null };
      return dropPath.dropPath?.dropProb ?? 0;
    }));
    rates.forEach((rate, index) => expect(rate).toBeCloseTo((0.7 * index) / 7, 6));
    model.dispose();
  });
});
