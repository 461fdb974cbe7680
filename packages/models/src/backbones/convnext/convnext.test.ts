import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuBackend, type Tensor, createCpuBackend, noGrad, randn, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvNeXt } from './convnext';
import { ConvNeXtBlock } from './convnext-block';

interface Encoded {
  shape: number[];
  data: number[];
}

interface BlockCase {
  linear_pw_conv: boolean;
  state: Record<string, Encoded>;
  input: Encoded;
  output: Encoded;
}

// Written by __fixtures__/generate-convnext-v2-fixtures.py (MMPretrain's formulas in PyTorch).
const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'convnext-v2.json'), 'utf8')) as {
  blocks: BlockCase[];
  parameters: Record<string, number>;
  parametersV1Tiny: number;
};
const load = (encoded: Encoded): Tensor => tensor(Float32Array.from(encoded.data), { shape: encoded.shape });

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

const narrow = { depths: [1, 1, 1, 1], channels: [8, 16, 24, 32] };

describe('ConvNeXt', () => {
  it('returns normalised pooled features, or normalised maps without gap_before_final_norm', () => {
    const pooled = new ConvNeXt({ arch: narrow, out_indices: [0, 1, 2, 3] }).eval();
    expect(tidy(() => noGrad(() => pooled.forward(randn([2, 3, 64, 64])).map((t) => t.shape)))).toEqual([[2, 8], [2, 16], [2, 24], [2, 32]]);
    pooled.dispose();
    const maps = new ConvNeXt({ arch: narrow, gap_before_final_norm: false }).eval();
    expect(tidy(() => noGrad(() => maps.forward(randn([1, 3, 64, 64]))[0]?.shape))).toEqual([1, 32, 2, 2]);
    expect([...maps.stateDict().keys()].filter((key) => key.startsWith('norm'))).toEqual(['norm3.weight', 'norm3.bias']);
    expect([...maps.stateDict().keys()]).toContain('stages.0.0.gamma');
    maps.dispose();
  });

  it('freezes stages, spreads drop path and checks its arch', () => {
    const model = new ConvNeXt({ arch: narrow, frozen_stages: 2, drop_path_rate: 0.3 });
    model.train();
    expect(model.getParameter('downsample_layers.1.1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('stages.1.0.pointwise_conv1.weight').requiresGrad).toBe(false);
    expect(model.getParameter('stages.2.0.pointwise_conv1.weight').requiresGrad).toBe(true);
    const last = model.getSubmodule('stages.3.0') as unknown as { dropPath: { dropProb: number } | null };
    expect(last.dropPath?.dropProb).toBeCloseTo(0.3, 6);
    model.dispose();
    expect(() => new ConvNeXt({ arch: 'giant' })).toThrow(/unknown arch "giant"/);
    expect(() => new ConvNeXt({ arch: { depths: [1, 1], channels: [8] } })).toThrow(/must be lists of the same length/);
  });

  it('builds ConvNeXt V2 (use_grn, no layer scale) with the parameter counts of MMPretrain', { timeout: 30_000 }, () => {
    // Backbone counts from the PyTorch reference; with the 1000-class head (C * 1000 + 1000) they
    // are MMPretrain's convnext-v2 metafile figures: atto 3.71M, femto 5.23M, pico 9.07M, nano 15.62M.
    for (const arch of ['atto', 'femto', 'pico', 'nano']) {
      const model = new ConvNeXt({ arch, use_grn: true, layer_scale_init_value: 0 });
      expect(model.numParameters(), arch).toBe(fixture.parameters[arch]);
      model.dispose();
    }
    expect(fixture.parameters.atto).toBe(3_387_400);
    expect(fixture.parameters.huge).toBe(657_472_640);
    // The same reference gives ConvNeXt V1 tiny as MMPretrain (28,589,128 with the head).
    expect(fixture.parametersV1Tiny + 768 * 1000 + 1000).toBe(28_589_128);
  });

  it('names the GRN and the 1x1 pointwise convolutions as MMPretrain', () => {
    const model = new ConvNeXt({ arch: narrow, use_grn: true, layer_scale_init_value: 0, linear_pw_conv: false });
    const state = model.stateDict();
    expect([...state.keys()].filter((key) => key.startsWith('stages.1.0.'))).toEqual([
      'stages.1.0.depthwise_conv.weight',
      'stages.1.0.depthwise_conv.bias',
      'stages.1.0.norm.weight',
      'stages.1.0.norm.bias',
      'stages.1.0.pointwise_conv1.weight',
      'stages.1.0.pointwise_conv1.bias',
      'stages.1.0.pointwise_conv2.weight',
      'stages.1.0.pointwise_conv2.bias',
      'stages.1.0.grn.gamma',
      'stages.1.0.grn.beta',
    ]);
    expect(state.get('stages.1.0.pointwise_conv1.weight')?.shape).toEqual([64, 16, 1, 1]);
    expect(state.get('stages.1.0.grn.gamma')?.shape).toEqual([64]);
    expect(tidy(() => noGrad(() => model.eval().forward(randn([2, 3, 32, 32]))[0]?.shape))).toEqual([2, 32]);
    model.dispose();
    const v1 = new ConvNeXt({ arch: narrow });
    expect([...v1.stateDict().keys()].filter((key) => key.startsWith('stages.1.0.'))[0]).toBe('stages.1.0.gamma');
    expect(v1.stateDict().get('stages.1.0.pointwise_conv1.weight')?.shape).toEqual([64, 16]);
    v1.dispose();
  });

  it('matches PyTorch ConvNeXt V2 blocks with Linear and with 1x1 Conv2d pointwise layers', () => {
    expect(fixture.blocks.map((entry) => entry.linear_pw_conv)).toEqual([true, false]);
    for (const entry of fixture.blocks) {
      const block = new ConvNeXtBlock({ in_channels: 8, use_grn: true, layer_scale_init_value: 0, linear_pw_conv: entry.linear_pw_conv }).eval();
      const state = new Map(Object.entries(entry.state).map(([key, value]) => [key, load(value)]));
      expect([...block.stateDict().keys()]).toEqual([...state.keys()]);
      block.loadStateDict(state);
      for (const value of state.values()) value.dispose();
      const input = load(entry.input);
      const output = tidy(() => noGrad(() => block.forward(input).dataSync()));
      const scale = Math.max(...entry.output.data.map(Math.abs));
      entry.output.data.forEach((value, index) => expect(Math.abs((output[index] as number) - value)).toBeLessThanOrEqual(1e-5 * scale));
      input.dispose();
      block.dispose();
    }
  });
});
