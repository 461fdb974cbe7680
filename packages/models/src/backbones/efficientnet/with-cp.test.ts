import { type CpuBackend, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../test-support/fixtures';
import { type FeatureBackbone, compareWithCp } from '../resnet/with-cp-comparison';
import { EfficientNet } from './efficientnet';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** One training step with and without with_cp gives the same loss and gradients, and keeps fewer tensors. */
function expectSameStep(build: (withCp: boolean) => FeatureBackbone, inputShape: number[]): void {
  const comparison = compareWithCp(build, inputShape);
  expect(comparison.sameParameters).toBe(true);
  const [plainLoss, checkpointedLoss] = comparison.losses;
  expect(Math.abs(checkpointedLoss - plainLoss)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(plainLoss)));
  expect(comparison.worstGradientDifference, comparison.worstParameter).toBeLessThanOrEqual(1e-6);
  expect(comparison.liveAfterForward[1]).toBeLessThan(comparison.liveAfterForward[0] / 2);
  expect(comparison.leaked).toEqual([{ tensors: 0, bytes: 0 }, { tensors: 0, bytes: 0 }]);
}

describe('with_cp (gradient checkpointing) in EfficientNet', () => {
  it('inverted residual blocks with SE and drop path give the same loss and gradients with and without it', () => {
    expectSameStep((withCp) => new EfficientNet({ arch: [0.25, 0.5], drop_path_rate: 0.3, out_indices: [3, 6], with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('edge residual blocks (EfficientNet-EdgeTPU) give the same loss and gradients with and without it', () => {
    expectSameStep((withCp) => new EfficientNet({ arch: 'es', drop_path_rate: 0.3, out_indices: [3], with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('accepts with_cp in configs (default false)', () => {
    const model = buildModel<EfficientNet>({ type: 'EfficientNet', arch: 'b0', with_cp: true });
    expect(model.withCp).toBe(true);
    model.dispose();
    const plain = buildModel<EfficientNet>({ type: 'EfficientNet', arch: 'b0' });
    expect(plain.withCp).toBe(false);
    plain.dispose();
  });
});
