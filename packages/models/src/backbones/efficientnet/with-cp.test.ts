import { type CpuBackend, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../test-support/fixtures';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';
import { EfficientNet } from './efficientnet';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('with_cp (gradient checkpointing) in EfficientNet', () => {
  it('inverted residual blocks with SE and drop path give the same loss and gradients with and without it', () => {
    expectSameWithCp((withCp) => new EfficientNet({ arch: [0.25, 0.5], drop_path_rate: 0.3, out_indices: [3, 6], with_cp: withCp }), [2, 3, 32, 32], { random: true });
  });

  it('edge residual blocks (EfficientNet-EdgeTPU) give the same loss and gradients with and without it', () => {
    expectSameWithCp((withCp) => new EfficientNet({ arch: 'es', drop_path_rate: 0.3, out_indices: [3], with_cp: withCp }), [2, 3, 32, 32], { random: true });
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
