import { type CpuBackend, createCpuBackend, memory, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SELFSUP_FIXTURE, decode } from '../test-support/selfsup-fixture';
import { CosineSimilarityLoss } from './cosine-similarity-loss';
import { PixelReconstructionLoss } from './pixel-reconstruction-loss';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const fixture = SELFSUP_FIXTURE.losses;

describe('PixelReconstructionLoss', () => {
  it('matches MMPretrain on patch predictions, with and without a mask, and on masked pixels with a channel count', () => {
    const before = memory().tensors;
    const values = tidy(() => {
      const [pred3, target3, mask3] = [decode(fixture.pixel_reconstruction.pred3), decode(fixture.pixel_reconstruction.target3), decode(fixture.pixel_reconstruction.mask3)];
      const [pred4, target4, mask4] = [decode(fixture.pixel_reconstruction.pred4), decode(fixture.pixel_reconstruction.target4), decode(fixture.pixel_reconstruction.mask4)];
      return {
        l2Masked: new PixelReconstructionLoss({ criterion: 'L2' }).forward(pred3, target3, mask3).item(),
        l1Masked: new PixelReconstructionLoss({ criterion: 'L1' }).forward(pred3, target3, mask3).item(),
        l2Unmasked: new PixelReconstructionLoss({ criterion: 'L2' }).forward(pred3, target3).item(),
        l1Pixels: new PixelReconstructionLoss({ criterion: 'L1', channel: 3 }).forward(pred4, target4, mask4).item(),
      };
    });
    expect(values.l2Masked).toBeCloseTo(fixture.pixel_reconstruction.l2_masked, 5);
    expect(values.l1Masked).toBeCloseTo(fixture.pixel_reconstruction.l1_masked, 5);
    expect(values.l2Unmasked).toBeCloseTo(fixture.pixel_reconstruction.l2_unmasked, 5);
    expect(values.l1Pixels).toBeCloseTo(fixture.pixel_reconstruction.l1_pixels_channel3, 5);
    expect(memory().tensors).toBe(before);
  });

  it('rejects other criteria', () => {
    expect(() => new PixelReconstructionLoss({ criterion: 'L3' as 'L1' })).toThrow(/only supports L1 and L2 loss, got criterion "L3"/);
  });
});

describe('CosineSimilarityLoss', () => {
  it('matches MMPretrain plain, shifted and scaled, and masked', () => {
    const values = tidy(() => {
      const [pred, target, mask] = [decode(fixture.cosine_similarity.pred), decode(fixture.cosine_similarity.target), decode(fixture.cosine_similarity.mask)];
      return {
        plain: new CosineSimilarityLoss().forward(pred, target).item(),
        shifted: new CosineSimilarityLoss({ shift_factor: 2, scale_factor: 2 }).forward(pred, target).item(),
        masked: new CosineSimilarityLoss().forward(pred, target, mask).item(),
      };
    });
    expect(values.plain).toBeCloseTo(fixture.cosine_similarity.plain, 5);
    expect(values.shifted).toBeCloseTo(fixture.cosine_similarity.shifted_scaled, 5);
    expect(values.masked).toBeCloseTo(fixture.cosine_similarity.masked, 5);
  });
});
