import { type CpuBackend, createCpuBackend, setDefaultBackend } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvertedResidual } from '../../layers/inverted-residual';
import { buildModel } from '../../test-support/fixtures';
import { expectSameWithCp } from '../../test-support/expect-same-with-cp';
import { MobileNetV2 } from './mobilenet-v2';
import { MobileNetV2InvertedResidual } from './mobilenet-v2-block';
import { MobileNetV3 } from './mobilenet-v3';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('with_cp (gradient checkpointing) in MobileNetV2 and MobileNetV3', () => {
  it('MobileNetV2 gives the same loss and gradients with and without it', () => {
    expectSameWithCp((withCp) => new MobileNetV2({ widen_factor: 0.25, out_indices: [2, 7], with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('MobileNetV3 gives the same loss and gradients with and without it', () => {
    expectSameWithCp((withCp) => new MobileNetV3({ arch: 'small_050', with_cp: withCp }), [2, 3, 32, 32]);
  });

  it('accepts with_cp in configs (default false)', () => {
    const v2 = buildModel<MobileNetV2>({ type: 'MobileNetV2', widen_factor: 0.25, with_cp: true });
    const blocks = v2.modules().filter((module) => module instanceof MobileNetV2InvertedResidual);
    expect(blocks.length).toBe(17);
    expect(blocks.every((block) => block.withCp)).toBe(true);
    v2.dispose();
    const plain = buildModel<MobileNetV2>({ type: 'MobileNetV2', widen_factor: 0.25 });
    expect(plain.modules().some((module) => module instanceof MobileNetV2InvertedResidual && module.withCp)).toBe(false);
    plain.dispose();
    const v3 = buildModel<MobileNetV3>({ type: 'MobileNetV3', arch: 'small', with_cp: true });
    expect(v3.withCp).toBe(true);
    expect(v3.modules().filter((module) => module instanceof InvertedResidual).length).toBe(11);
    v3.dispose();
    const v3Plain = buildModel<MobileNetV3>({ type: 'MobileNetV3', arch: 'small' });
    expect(v3Plain.withCp).toBe(false);
    v3Plain.dispose();
  });
});
