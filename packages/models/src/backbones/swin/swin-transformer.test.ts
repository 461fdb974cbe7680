import { type CpuBackend, createCpuBackend, noGrad, randn, setDefaultBackend, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCheckpoint } from '../../checkpoint/load-checkpoint';
import { serializeWeights } from '../../checkpoint/save-weights';
import { SwinTransformer } from './swin-transformer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const narrow = { embed_dims: 8, depths: [2, 2, 2, 2], num_heads: [1, 2, 2, 4] };

describe('SwinTransformer', () => {
  it('returns the maps of MMPretrain for a 224x224 input (window 7)', () => {
    const model = new SwinTransformer({ arch: narrow, out_indices: [0, 1, 2, 3] }).eval();
    expect(model.numFeatures).toEqual([8, 16, 32, 64]);
    const shapes = tidy(() => noGrad(() => model.forward(randn([1, 3, 224, 224])).map((t) => t.shape)));
    expect(shapes).toEqual([[1, 8, 56, 56], [1, 16, 28, 28], [1, 32, 14, 14], [1, 64, 7, 7]]);
    expect([...model.stateDict().keys()]).toContain('stages.0.blocks.1.attn.w_msa.relative_position_index');
    expect([...model.stateDict().keys()]).toContain('stages.2.downsample.reduction.weight');
    model.dispose();
  });

  it('refuses maps smaller than a window unless pad_small_map', () => {
    const model = new SwinTransformer({ arch: narrow, window_size: 7 }).eval();
    expect(() => tidy(() => model.forward(randn([1, 3, 112, 112])))).toThrow(/input shape \(4, 4\) is smaller than the window size \(7\)/);
    model.dispose();
    const padded = new SwinTransformer({ arch: narrow, window_size: 7, pad_small_map: true }).eval();
    expect(tidy(() => noGrad(() => padded.forward(randn([1, 3, 112, 112]))[0]?.shape))).toEqual([1, 64, 4, 4]);
    padded.dispose();
  });

  it('resizes the absolute position embedding of a checkpoint of another size', () => {
    const small = new SwinTransformer({ arch: narrow, img_size: 56, window_size: 2, use_abs_pos_embed: true });
    small.initWeights();
    const large = new SwinTransformer({ arch: narrow, img_size: 112, window_size: 2, use_abs_pos_embed: true });
    const report = loadCheckpoint(large, serializeWeights(small), { strict: true });
    expect(report.mismatchedKeys).toEqual([]);
    expect(large.absolutePosEmbed?.shape).toEqual([1, 784, 8]);
    small.dispose();
    large.dispose();
  });

  it('assigns layer depths and freezes stages as MMPretrain', () => {
    const model = new SwinTransformer({ arch: narrow, frozen_stages: 0 });
    expect(model.getLayerDepth('backbone.patch_embed.projection.weight', 'backbone.')).toEqual([0, 10]);
    expect(model.getLayerDepth('backbone.stages.1.blocks.1.attn.w_msa.qkv.weight', 'backbone.')).toEqual([4, 10]);
    expect(model.getLayerDepth('backbone.stages.1.downsample.reduction.weight', 'backbone.')).toEqual([4, 10]);
    expect(model.getLayerDepth('backbone.norm3.weight', 'backbone.')).toEqual([9, 10]);
    model.train();
    expect(model.getParameter('stages.0.blocks.0.norm1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('stages.1.blocks.0.norm1.weight').requiresGrad).toBe(true);
    model.dispose();
  });
});
