import type { Registries } from '@mmpt/registry';
import { DataSample } from '@mmpt/structures';
import { type CpuBackend, Generator, type Tensor, createCpuBackend, memory, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MAEViT } from '../backbones/mae-vit';
import { MAEPretrainDecoder } from '../necks/mae-pretrain-decoder';
import { SELFSUP_FIXTURE, decode, loadEncodedState, maxDifference, selfSupRegistries } from '../test-support/selfsup-fixture';
import { build2dSincosPositionEmbedding } from '../utils/sincos-position-embedding';
import type { MAE } from './mae';

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

function tinyMAE(options: { channels?: number; normPix?: boolean } = {}): MAE {
  const channels = options.channels ?? 3;
  return registries.models.build({
    type: 'MAE',
    backbone: { type: 'MAEViT', arch: tinyArch, img_size: 16, patch_size: 4, in_channels: channels, mask_ratio: 0.75 },
    neck: { type: 'MAEPretrainDecoder', num_patches: 16, patch_size: 4, in_chans: channels, embed_dim: 16, decoder_embed_dim: 8, decoder_depth: 1, decoder_num_heads: 2, mlp_ratio: 2 },
    head: { type: 'MAEPretrainHead', norm_pix: options.normPix ?? true, patch_size: 4, loss: { type: 'PixelReconstructionLoss', criterion: 'L2' } },
    init_cfg: [{ type: 'Xavier', layer: 'Linear', distribution: 'uniform' }, { type: 'Constant', layer: 'LayerNorm', val: 1, bias: 0 }],
  }) as MAE;
}

describe('MAEPretrainDecoder', () => {
  it('restores the patch order with ids_restore and matches MMPretrain', () => {
    const fixture = SELFSUP_FIXTURE.mae_decoder;
    const decoder = new MAEPretrainDecoder({ num_patches: 4, patch_size: 2, in_chans: 3, embed_dim: 8, decoder_embed_dim: 8, decoder_depth: 1, decoder_num_heads: 2, mlp_ratio: 2 });
    expect([...decoder.stateDict().keys()].slice(0, 4)).toEqual(['mask_token', 'decoder_pos_embed', 'decoder_embed.weight', 'decoder_embed.bias']);
    expect([...decoder.stateDict().keys()]).toContain('ln1.weight');
    expect(decoder.decoderPosEmbed.requiresGrad).toBe(false);
    loadEncodedState(decoder, fixture.weights);
    const before = memory().tensors;
    tidy(() => {
      const output = decoder.forward(decode(fixture.x), tensor(Int32Array.from(fixture.ids_restore.flat()), { shape: [2, 4] }));
      expect(output.shape).toEqual(fixture.output.shape);
      expect(maxDifference(output.dataSync(), fixture.output.data)).toBeLessThan(1e-5);
    });
    expect(memory().tensors).toBe(before);
  });

  it('initialises a sine-cosine decoder_pos_embed', () => {
    const decoder = new MAEPretrainDecoder({ num_patches: 4, embed_dim: 8, decoder_embed_dim: 8, decoder_depth: 0, decoder_num_heads: 2 });
    decoder.initWeights();
    tidy(() => expect(maxDifference(decoder.decoderPosEmbed.dataSync(), build2dSincosPositionEmbedding(2, 8, { clsToken: true }).dataSync())).toBe(0));
  });
});

describe('MAEViT', () => {
  it('keeps exactly (1 - mask_ratio) of the patches, marks the rest in the mask, and returns ids_restore', () => {
    const model = tinyMAE();
    model.initWeights();
    const backbone = model.backbone as MAEViT;
    expect(backbone.posEmbed.requiresGrad).toBe(false);
    tidy(() => {
      expect(maxDifference(backbone.posEmbed.dataSync(), build2dSincosPositionEmbedding(4, 16, { clsToken: true }).dataSync())).toBe(0);
      const { latent, mask, idsRestore } = backbone.forwardMasked(randn([2, 3, 16, 16]));
      expect(latent.shape).toEqual([2, 1 + 4, 16]);
      expect(mask.shape).toEqual([2, 16]);
      expect(Array.from(mask.sum(1).dataSync())).toEqual([12, 12]);
      const ranks = Array.from(idsRestore.dataSync());
      expect([...ranks.slice(0, 16)].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, index) => index));
      const maskValues = mask.dataSync();
      ranks.forEach((rank, index) => expect(maskValues[index]).toBe(rank >= 4 ? 1 : 0));
      // unmasked: the plain ViT with out_type 'raw' over every patch
      expect((model.extractFeat(randn([2, 3, 16, 16]))[0] as Tensor).shape).toEqual([2, 17, 16]);
    });
  });

  it('encodes the kept patches in their shuffled order (the encoder sees which patches it got)', () => {
    const model = tinyMAE();
    model.initWeights();
    model.eval();
    const backbone = model.backbone as MAEViT;
    tidy(() => {
      const image = randn([1, 3, 16, 16]);
      backbone.generator = new Generator(5);
      const first = backbone.forwardMasked(image);
      backbone.generator = new Generator(5);
      const again = backbone.forwardMasked(image);
      expect(Array.from(first.latent.dataSync())).toEqual(Array.from(again.latent.dataSync()));
      expect(Array.from(first.idsRestore.dataSync())).toEqual(Array.from(again.idsRestore.dataSync()));
    });
  });
});

describe('MAE', () => {
  it('trains end to end: the loss is finite, gradients reach the encoder and decoder but not the fixed position embeddings', () => {
    const model = tinyMAE();
    model.initWeights();
    const before = memory().tensors;
    const value = tidy(() => {
      const loss = model.loss(randn([2, 3, 16, 16]), [new DataSample(), new DataSample()]).loss as Tensor;
      loss.backward();
      return loss.item();
    });
    expect(Number.isFinite(value)).toBe(true);
    // norm_pix targets have unit variance: an untrained decoder starts near 1
    expect(value).toBeGreaterThan(0.3);
    const backbone = model.backbone as MAEViT;
    expect(backbone.patchEmbed.projection.getParameter('weight').grad).not.toBeNull();
    expect(model.getParameter('neck.mask_token').grad).not.toBeNull();
    expect(backbone.posEmbed.grad).toBeNull();
    model.zeroGrad();
    expect(memory().tensors).toBe(before);
  });

  it('reconstructs grayscale images (in_chans 1)', () => {
    const model = tinyMAE({ channels: 1, normPix: false });
    model.initWeights();
    const value = tidy(() => (model.loss(randn([2, 1, 16, 16]), []).loss as Tensor).item());
    expect(Number.isFinite(value)).toBe(true);
  });

  it("has MMPretrain's state-dict names", () => {
    const keys = [...tinyMAE().stateDict().keys()];
    for (const key of ['backbone.cls_token', 'backbone.pos_embed', 'backbone.patch_embed.projection.weight', 'backbone.layers.1.ffn.layers.1.weight', 'backbone.ln1.weight', 'neck.decoder_blocks.0.attn.qkv.weight', 'neck.decoder_pred.bias']) {
      expect(keys).toContain(key);
    }
  });
});
