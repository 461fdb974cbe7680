import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LayerScale } from './layer-scale';
import { TransformerEncoderLayer } from './transformer-encoder-layer';
import { VisionTransformer } from './vision-transformer';

interface Encoded {
  shape: number[];
  data: number[];
}

// Written by __fixtures__/generate-vit-layer-scale-fixtures.py (MMPretrain's formulas in PyTorch).
const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'vit-layer-scale.json'), 'utf8')) as {
  layer: { state: Record<string, Encoded>; input: Encoded; output: Encoded };
  parameters: Record<string, number>;
};
const load = (encoded: Encoded): Tensor => tensor(Float32Array.from(encoded.data), { shape: encoded.shape });

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('VisionTransformer layer_scale_init_value', () => {
  it('adds attn.gamma1 and ffn.gamma2 (LayerScale weights) with the initial value, as MMPretrain', () => {
    const model = new VisionTransformer({ arch: { embed_dims: 32, num_layers: 2, num_heads: 4, feedforward_channels: 64 }, img_size: 32, patch_size: 8, layer_scale_init_value: 0.1 });
    const keys = [...model.stateDict().keys()].filter((key) => key.startsWith('layers.1.'));
    expect(keys).toEqual([
      'layers.1.ln1.weight',
      'layers.1.ln1.bias',
      'layers.1.attn.qkv.weight',
      'layers.1.attn.qkv.bias',
      'layers.1.attn.proj.weight',
      'layers.1.attn.proj.bias',
      'layers.1.attn.gamma1.weight',
      'layers.1.ln2.weight',
      'layers.1.ln2.bias',
      'layers.1.ffn.layers.0.0.weight',
      'layers.1.ffn.layers.0.0.bias',
      'layers.1.ffn.layers.1.weight',
      'layers.1.ffn.layers.1.bias',
      'layers.1.ffn.gamma2.weight',
    ]);
    model.initWeights();
    expect(new Set(model.getParameter('layers.0.ffn.gamma2.weight').dataSync())).toEqual(new Set([Math.fround(0.1)]));
    expect(tidy(() => noGrad(() => model.eval().forward(randn([2, 3, 32, 32]))[0]?.shape))).toEqual([2, 32]);
    model.dispose();
    const plain = new VisionTransformer({ arch: 'deit-t', img_size: 32, patch_size: 16 });
    expect([...plain.stateDict().keys()].some((key) => key.includes('gamma'))).toBe(false);
    plain.dispose();
    expect(() => new TransformerEncoderLayer({ embed_dims: 8, num_heads: 2, feedforward_channels: 16, layer_scale_init_value: -1 })).toThrow(/layer_scale_init_value must be 0 or positive, got -1/);
  });

  it('matches a PyTorch encoder layer with layer scale', () => {
    const layer = new TransformerEncoderLayer({ embed_dims: 8, num_heads: 2, feedforward_channels: 16, layer_scale_init_value: 1e-5, norm_cfg: { type: 'LN', eps: 1e-6 } }).eval();
    const state = new Map(Object.entries(fixture.layer.state).map(([key, value]) => [key, load(value)]));
    expect([...layer.stateDict().keys()]).toEqual([...state.keys()]);
    layer.loadStateDict(state);
    for (const value of state.values()) value.dispose();
    const input = load(fixture.layer.input);
    const output = tidy(() => noGrad(() => layer.forward(input).dataSync()));
    const scale = Math.max(...fixture.layer.output.data.map(Math.abs));
    fixture.layer.output.data.forEach((value, index) => expect(Math.abs((output[index] as number) - value)).toBeLessThanOrEqual(1e-5 * scale));
    input.dispose();
    layer.dispose();
  });

  it('has the parameter count of the PyTorch reference (DeiT-tiny with layer scale)', () => {
    const model = new VisionTransformer({ arch: 'deit-tiny', img_size: 224, patch_size: 16, layer_scale_init_value: 1e-5 });
    expect(model.numParameters()).toBe(fixture.parameters['deit-tiny']);
    model.dispose();
    // The reference adds 2 * embed_dims per layer to MMPretrain's counts without layer scale.
    expect(fixture.parameters['deit-tiny']).toBe(5_717_416 - 193_000 + 2 * 192 * 12);
    expect(fixture.parameters.base).toBe(86_567_656 - 769_000 + 2 * 768 * 12);
  });

  it('scales channels last or, for NCHW maps, channels first', () => {
    const scale = new LayerScale(2, 0.5, 'channels_first');
    const x = tensor([1, 2, 3, 4, 5, 6, 7, 8], { shape: [1, 2, 2, 2] });
    expect(tidy(() => Array.from(scale.forward(x).dataSync()))).toEqual([0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4]);
    expect(() => new LayerScale(2, 0.5, 'nchw' as 'channels_first')).toThrow(/data_format must be "channels_last" or "channels_first", got "nchw"/);
    x.dispose();
    scale.dispose();
  });
});
