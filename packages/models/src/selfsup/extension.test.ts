import type { DataSample } from '@mmpt/structures';
import { type CpuBackend, type Tensor, createCpuBackend, mean, randn, setDefaultBackend, square, sub, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LossDict } from '../heads/classifier-head';
import { BaseSelfSupervisor } from './base-self-supervisor';
import { SelfSupDataPreprocessor, type SelfSupInputs } from './self-sup-data-preprocessor';
import { selfSupRegistries } from './test-support/selfsup-fixture';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** The guide's `NewAlgorithm`: a plugin's algorithm, here pulling the features of two views together. */
class NewAlgorithm extends BaseSelfSupervisor {
  loss(inputs: SelfSupInputs, _dataSamples: readonly DataSample[]): LossDict {
    const [view1, view2] = this.requireViews(inputs, 2) as [Tensor, Tensor];
    return tidy(() => {
      const neck = this.requireNeck();
      const a = (neck.forward(this.backbone.forward(view1)) as Tensor[])[0] as Tensor;
      const b = (neck.forward(this.backbone.forward(view2)) as Tensor[])[0] as Tensor;
      return { loss: mean(square(sub(a, b))) };
    });
  }
}

describe('BaseSelfSupervisor', () => {
  it('is extended by a registered subclass and a config, as the guide shows', () => {
    const registries = selfSupRegistries();
    registries.models.register(NewAlgorithm);
    const model = registries.models.build({
      type: 'NewAlgorithm',
      backbone: { type: 'ResNet_CIFAR', depth: 18, in_channels: 1, base_channels: 4, out_indices: [3] },
      neck: { type: 'NonLinearNeck', in_channels: 32, hid_channels: 16, out_channels: 8 },
      data_preprocessor: { mean: [33.46], std: [78.87] },
    }) as NewAlgorithm;
    expect(model.dataPreprocessor).toBeInstanceOf(SelfSupDataPreprocessor);
    expect(model.withNeck && !model.withHead && !model.withTargetGenerator).toBe(true);
    model.initWeights();
    const value = tidy(() => {
      const batch = model.dataPreprocessor.forward({ inputs: [randn([2, 1, 16, 16], { mean: 100, std: 50 }), randn([2, 1, 16, 16], { mean: 100, std: 50 })] }, true) as { inputs: Tensor[] };
      const loss = model.loss(batch.inputs, []).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(Number.isFinite(value)).toBe(true);
    expect(model.getParameter('backbone.conv1.weight').grad).not.toBeNull();
    tidy(() => expect(() => model.extractFeat([randn([1, 1, 8, 8])])).toThrow(/NewAlgorithm.extractFeat: expected one batch tensor, got a list of 1 views/));
  });
});
