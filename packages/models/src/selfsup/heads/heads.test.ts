import { type CpuBackend, createCpuBackend, memory, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CrossEntropyLoss } from '../../losses/cross-entropy-loss';
import { PixelReconstructionLoss } from '../losses/pixel-reconstruction-loss';
import { NonLinearNeck } from '../necks/non-linear-neck';
import { SELFSUP_FIXTURE, decode, loadEncodedState, maxDifference, selfSupRegistries } from '../test-support/selfsup-fixture';
import { ContrastiveHead } from './contrastive-head';
import { MAEPretrainHead } from './mae-pretrain-head';
import type { MoCoV3Head } from './mocov3-head';
import { SimMIMHead } from './simmim-head';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const losses = SELFSUP_FIXTURE.losses;

describe('ContrastiveHead', () => {
  it('computes InfoNCE over [pos, neg] / temperature with the positive as class 0, as MMPretrain', () => {
    const head = new ContrastiveHead({ loss: new CrossEntropyLoss(), temperature: losses.contrastive_head.temperature });
    const before = memory().tensors;
    const value = tidy(() => head.loss(decode(losses.contrastive_head.pos), decode(losses.contrastive_head.neg)).item());
    expect(value).toBeCloseTo(losses.contrastive_head.loss, 5);
    expect(memory().tensors).toBe(before);
  });

  it('names the shapes it expects', () => {
    const head = new ContrastiveHead({ loss: new CrossEntropyLoss() });
    tidy(() => expect(() => head.loss(tensor([1, 2]), tensor([[1, 2]]))).toThrow(/expected pos \[N, 1\] and neg \[N, k\], got pos \[2\]/));
  });
});

describe('MAEPretrainHead', () => {
  const fixture = losses.mae_head;
  it('patchifies in (p, q, c) order and round-trips with unpatchify', () => {
    const head = new MAEPretrainHead({ loss: new PixelReconstructionLoss({ criterion: 'L2' }), patch_size: fixture.patch_size });
    tidy(() => {
      const imgs = decode(fixture.imgs);
      const patches = head.patchify(imgs);
      expect(patches.shape).toEqual([2, 4, 48]);
      expect(maxDifference(patches.dataSync(), fixture.patches.data)).toBeLessThan(1e-6);
      expect(maxDifference(head.unpatchify(patches).dataSync(), imgs.dataSync())).toBe(0);
    });
  });

  it('matches MMPretrain with and without norm_pix', () => {
    const plain = new MAEPretrainHead({ loss: new PixelReconstructionLoss({ criterion: 'L2' }), patch_size: 4 });
    const normalised = new MAEPretrainHead({ loss: new PixelReconstructionLoss({ criterion: 'L2' }), patch_size: 4, norm_pix: true });
    const [lossPlain, lossNorm] = tidy(() => {
      const [pred, imgs, mask] = [decode(fixture.pred), decode(fixture.imgs), decode(fixture.mask)];
      return [plain.loss(pred, imgs, mask).item(), normalised.loss(pred, imgs, mask).item()];
    });
    expect(lossPlain).toBeCloseTo(fixture.loss, 5);
    expect(lossNorm).toBeCloseTo(fixture.loss_norm_pix, 5);
  });

  it('patchifies grayscale images with p² values per patch', () => {
    const head = new MAEPretrainHead({ loss: new PixelReconstructionLoss({ criterion: 'L2' }), patch_size: 2 });
    tidy(() => {
      const image = tensor(Float32Array.from({ length: 16 }, (_, index) => index), { shape: [1, 1, 4, 4] });
      const patches = head.patchify(image);
      expect(patches.shape).toEqual([1, 4, 4]);
      expect(Array.from(patches.dataSync()).slice(0, 8)).toEqual([0, 1, 4, 5, 2, 3, 6, 7]);
      expect(() => head.patchify(tensor(new Float32Array(12), { shape: [1, 1, 3, 4] }))).toThrow(/expected square \[B, C, H, W\] images/);
    });
  });
});

describe('SimMIMHead', () => {
  it('expands the patch mask to pixels and matches MMPretrain (L1, channel 3)', () => {
    const fixture = losses.simmim_head;
    const head = new SimMIMHead({ patch_size: fixture.patch_size, loss: new PixelReconstructionLoss({ criterion: 'L1', channel: 3 }) });
    const value = tidy(() => {
      const mask = decode(fixture.mask);
      const expanded = head.expandMask(mask);
      expect(expanded.shape).toEqual([2, 1, 8, 8]);
      const maskValues = mask.dataSync();
      const pixels = expanded.dataSync();
      expect(pixels[3 * 8 + 5]).toBe(maskValues[1 * 4 + 2]);
      return head.loss(decode(fixture.pred), decode(fixture.target), mask).item();
    });
    expect(value).toBeCloseTo(fixture.loss, 5);
  });
});

describe('MoCoV3Head', () => {
  it('predicts, normalises and scores the in-batch similarities against the diagonal, as MMPretrain', () => {
    const fixture = SELFSUP_FIXTURE.mocov3_head;
    const head = selfSupRegistries().models.build({
      type: 'MoCoV3Head',
      predictor: { type: 'NonLinearNeck', in_channels: 5, hid_channels: 6, out_channels: 5, with_avg_pool: false },
      loss: { type: 'CrossEntropyLoss', loss_weight: fixture.loss_weight },
      temperature: fixture.temperature,
    }) as MoCoV3Head;
    expect(head.predictor).toBeInstanceOf(NonLinearNeck);
    loadEncodedState(head.predictor, fixture.predictor);
    const value = tidy(() => head.loss(decode(fixture.base_out), decode(fixture.momentum_out)).item());
    expect(value).toBeCloseTo(fixture.loss, 5);
  });
});
