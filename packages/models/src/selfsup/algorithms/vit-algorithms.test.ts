import type { Registries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type CpuBackend, type Tensor, createCpuBackend, memory, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MoCoV3ViT } from '../backbones/mocov3-vit';
import type { SimMIMViT } from '../backbones/simmim-vit';
import { selfSupRegistries } from '../test-support/selfsup-fixture';
import { build2dSincosPositionEmbedding } from '../utils/sincos-position-embedding';
import { maxDifference } from '../test-support/selfsup-fixture';
import type { MoCoV3 } from './mocov3';
import type { SimMIM } from './simmim';

let backend: CpuBackend;
let registries: Registries;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
beforeEach(() => {
  registries = selfSupRegistries();
});
afterAll(() => backend.dispose());

const tinyArch = { embed_dims: 16, num_layers: 2, num_heads: 2, feedforward_channels: 32 };

describe('MoCoV3', () => {
  function tinyMoCoV3(): MoCoV3 {
    return registries.models.build({
      type: 'MoCoV3',
      base_momentum: 0.01,
      backbone: { type: 'MoCoV3ViT', arch: tinyArch, img_size: 16, patch_size: 4, stop_grad_conv1: true },
      neck: { type: 'NonLinearNeck', in_channels: 16, hid_channels: 12, out_channels: 8, num_layers: 3, with_avg_pool: false, with_last_bn_affine: false },
      head: {
        type: 'MoCoV3Head',
        predictor: { type: 'NonLinearNeck', in_channels: 8, hid_channels: 12, out_channels: 8, with_avg_pool: false, with_last_bn_affine: false },
        loss: { type: 'CrossEntropyLoss', loss_weight: 2 * 0.2 },
        temperature: 0.2,
      },
    }) as MoCoV3;
  }

  it('initialises the ViT as MoCo v3 and freezes the patch projection with stop_grad_conv1', () => {
    const model = tinyMoCoV3();
    model.initWeights();
    const backbone = model.backbone as MoCoV3ViT;
    expect(backbone.posEmbed.requiresGrad).toBe(false);
    expect(backbone.patchEmbed.projection.parameters().every((parameter) => !parameter.requiresGrad)).toBe(true);
    tidy(() => expect(maxDifference(backbone.posEmbed.dataSync(), build2dSincosPositionEmbedding(4, 16, { clsToken: true }).dataSync())).toBe(0));
    const bound = Math.sqrt(6 / (3 * 16 + 16));
    expect(Math.max(...Array.from(backbone.patchEmbed.projection.getParameter('weight').dataSync(), Math.abs))).toBeLessThanOrEqual(bound);
    expect(Array.from(backbone.getParameter('layers.0.attn.qkv.bias').dataSync()).every((value) => value === 0)).toBe(true);
  });

  it('computes loss(q1, k2) + loss(q2, k1) with the momentum encoder, and gradients flow only into the base encoder', () => {
    const model = tinyMoCoV3();
    model.initWeights();
    model.setRuntimeInfo({ max_iters: 10 });
    const before = memory().tensors;
    const value = tidy(() => {
      const loss = model.loss([randn([4, 3, 16, 16]), randn([4, 3, 16, 16])], [new DataSample(), new DataSample(), new DataSample(), new DataSample()]).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(Number.isFinite(value)).toBe(true);
    // 2 * 0.2 * CE over 4 in-batch candidates, twice: about 2 * 0.4 * log(4) for random features
    expect(value).toBeGreaterThan(0.5);
    expect(model.getParameter('backbone.layers.0.attn.qkv.weight').grad).not.toBeNull();
    expect(model.getParameter('momentum_encoder.module.0.layers.0.attn.qkv.weight').grad).toBeNull();
    expect(model.momentumEncoder.stepCount).toBe(1);
    expect(maxDifference(model.getParameter('momentum_encoder.module.0.layers.1.ffn.layers.1.weight').dataSync(), model.getParameter('backbone.layers.1.ffn.layers.1.weight').dataSync())).toBe(0);
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
  });

  it('freezes the patch embedding and the first layers with frozen_stages (linear probing)', () => {
    const vit = registries.models.build({ type: 'MoCoV3ViT', arch: 'mocov3-small', img_size: 32, patch_size: 16, frozen_stages: 12, norm_eval: true }) as MoCoV3ViT;
    expect(vit.embedDims).toBe(384);
    expect(vit.numParameters({ trainableOnly: true })).toBe(0);
    vit.train();
    expect(vit.layers.children()[0]?.training).toBe(false);
  });
});

describe('SimMIM', () => {
  it('replaces masked patches by the mask token, reconstructs with the linear decoder and scores masked pixels', () => {
    const model = registries.models.build({
      type: 'SimMIM',
      backbone: { type: 'SimMIMViT', arch: tinyArch, img_size: 16, patch_size: 4 },
      neck: { type: 'SimMIMLinearDecoder', in_channels: 16, encoder_stride: 4 },
      head: { type: 'SimMIMHead', patch_size: 4, loss: { type: 'PixelReconstructionLoss', criterion: 'L1', channel: 3 } },
    }) as SimMIM;
    model.initWeights();
    expect([...model.stateDict().keys()]).toEqual(expect.arrayContaining(['backbone.mask_token', 'neck.decoder.0.weight', 'neck.decoder.0.bias']));
    const samples = [0, 1].map(() => new DataSample().setMask({ data: Int32Array.from({ length: 16 }, (_, index) => (index % 3 === 0 ? 1 : 0)), shape: [4, 4] }));
    const before = memory().tensors;
    const value = tidy(() => {
      const loss = model.loss(randn([2, 3, 16, 16]), samples).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(Number.isFinite(value)).toBe(true);
    expect((model.backbone as SimMIMViT).maskToken.grad).not.toBeNull();
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
    tidy(() => expect((model.extractFeat(randn([1, 3, 16, 16]))[0] as Tensor).shape).toEqual([1, 16, 4, 4]));
    tidy(() => expect(() => model.loss(randn([2, 3, 16, 16]), [new DataSample(), new DataSample()])).toThrow(/every data sample needs a 2-D mask/));
  });
});
