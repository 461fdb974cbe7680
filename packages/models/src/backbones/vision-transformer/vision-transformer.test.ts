import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../checkpoint/load-checkpoint';
import { serializeWeights } from '../../checkpoint/save-weights';
import { DistilledVisionTransformer } from './distilled-vision-transformer';
import { resizePosEmbed } from './resize-pos-embed';
import { VisionTransformer } from './vision-transformer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const tiny = { embed_dims: 32, num_layers: 3, num_heads: 4, feedforward_channels: 64 };

describe('VisionTransformer', () => {
  it('gives ViT-B/16 feature maps for a non-square input', { timeout: 30_000 }, () => {
    const model = new VisionTransformer({ arch: 'b', img_size: 224, patch_size: 16, out_type: 'featmap' }).eval();
    expect(model.patchResolution).toEqual([14, 14]);
    const shape = tidy(() => noGrad(() => model.forward(randn([1, 3, 64, 48]))[0]?.shape));
    expect(shape).toEqual([1, 768, 4, 3]);
    model.dispose();
  });

  it('returns raw tokens, the class token, feature maps or averaged feature maps', () => {
    const expectations: Array<[string, number[]]> = [
      ['raw', [2, 17, 32]],
      ['cls_token', [2, 32]],
      ['featmap', [2, 32, 4, 4]],
      ['avg_featmap', [2, 32]],
    ];
    for (const [outType, shape] of expectations) {
      const model = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8, out_type: outType as 'raw', out_indices: [0, -1] }).eval();
      const shapes = tidy(() => noGrad(() => model.forward(randn([2, 3, 32, 32])).map((t) => t.shape)));
      expect(shapes).toEqual([shape, shape]);
      if (outType === 'avg_featmap') expect(model.stateDict().has('ln2.weight')).toBe(true);
      model.dispose();
    }
    expect(() => new VisionTransformer({ arch: tiny, with_cls_token: false })).toThrow(/with_cls_token must be true when out_type is "cls_token"/);
    expect(() => new VisionTransformer({ arch: 'xl' })).toThrow(/unknown arch "xl"/);
    expect(() => new VisionTransformer({ arch: tiny, out_indices: [3] })).toThrow(/invalid out_indices entry 3 for 3 layers/);
  });

  it('pads inputs that are not a multiple of the patch size (MMCV corner padding)', () => {
    const model = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8, out_type: 'featmap' }).eval();
    expect(tidy(() => noGrad(() => model.forward(randn([1, 3, 30, 17]))[0]?.shape))).toEqual([1, 32, 4, 3]);
    model.dispose();
  });

  it('resizes the position embedding of a checkpoint trained at another size', () => {
    const small = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8 });
    small.initWeights();
    const bytes = serializeWeights(small);
    const large = new VisionTransformer({ arch: tiny, img_size: 48, patch_size: 8 });
    const report = loadCheckpoint(large, bytes, { strict: true });
    expect(report.mismatchedKeys).toEqual([]);
    const expected = tidy(() => Array.from(resizePosEmbed(small.posEmbed, [4, 4], [6, 6]).dataSync()));
    const actual = Array.from(large.posEmbed.dataSync());
    expect(actual.length).toBe(expected.length);
    actual.forEach((value, index) => expect(value).toBeCloseTo(expected[index] as number, 6));
    const withoutToken = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8, with_cls_token: false, out_type: 'avg_featmap' });
    const tokenless = loadCheckpoint(withoutToken, bytes);
    expect(tokenless.mismatchedKeys).toEqual([]);
    expect(Array.from(withoutToken.posEmbed.dataSync())).toEqual(Array.from(small.posEmbed.dataSync()).slice(32));
    for (const model of [small, large, withoutToken]) model.dispose();
  });

  it('assigns layer depths for layer-wise learning-rate decay, as MMPretrain', () => {
    const model = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8 });
    expect(model.getLayerDepth('backbone.cls_token', 'backbone.')).toEqual([0, 5]);
    expect(model.getLayerDepth('backbone.patch_embed.projection.weight', 'backbone.')).toEqual([0, 5]);
    expect(model.getLayerDepth('backbone.layers.2.attn.qkv.weight', 'backbone.')).toEqual([3, 5]);
    expect(model.getLayerDepth('backbone.ln1.weight', 'backbone.')).toEqual([4, 5]);
    expect(model.getLayerDepth('head.layers.head.weight', 'backbone.')).toEqual([4, 5]);
    model.dispose();
  });

  it('freezes the embeddings and the first layers', () => {
    const model = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8, frozen_stages: 3 });
    model.train();
    expect(model.posEmbed.requiresGrad).toBe(false);
    expect(model.getParameter('patch_embed.projection.weight').requiresGrad).toBe(false);
    expect(model.getParameter('layers.2.ffn.layers.1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('ln1.weight').requiresGrad).toBe(false);
    expect(model.getSubmodule('layers.0').training).toBe(false);
    model.dispose();
  });

  it('initialises the position embedding and the FFNs as MMPretrain', () => {
    const model = new VisionTransformer({ arch: tiny, img_size: 32, patch_size: 8 });
    model.initWeights();
    const position = Array.from(model.posEmbed.dataSync());
    const deviation = Math.sqrt(position.reduce((total, value) => total + value * value, 0) / position.length);
    expect(deviation).toBeGreaterThan(0.015);
    expect(deviation).toBeLessThan(0.025);
    const bias = Array.from(model.getParameter('layers.0.ffn.layers.0.0.bias').dataSync());
    expect(Math.max(...bias.map(Math.abs))).toBeLessThan(1e-5);
    model.dispose();
  });
});

describe('DistilledVisionTransformer', () => {
  it('adds dist_token after pos_embed and returns both tokens', () => {
    const model = new DistilledVisionTransformer({ arch: tiny, img_size: 32, patch_size: 8 }).eval();
    expect([...model.stateDict().keys()].slice(0, 3)).toEqual(['cls_token', 'pos_embed', 'dist_token']);
    expect(model.posEmbed.shape).toEqual([1, 18, 32]);
    const shapes = tidy(() => noGrad(() => model.forward(randn([2, 3, 32, 32])).map((t) => t.shape)));
    expect(shapes).toEqual([
      [2, 32],
      [2, 32],
    ]);
    model.dispose();
  });
});
