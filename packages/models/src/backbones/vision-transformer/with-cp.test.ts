import { type CpuBackend, type Tensor, add, createCpuBackend, manualSeed, memory, mul, noGrad, randn, setDefaultBackend, sum, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TransformerEncoderLayer } from './transformer-encoder-layer';
import { VisionTransformer } from './vision-transformer';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** One training step from `seed` (dropout and drop path draw from the default generator), with the loss `sum(output * weight)` over the outputs. */
function trainingStep(model: VisionTransformer, input: Tensor, weights: Tensor[], seed: number): { loss: number; gradients: Map<string, Float32Array>; kept: number } {
  model.train();
  model.zeroGrad();
  manualSeed(seed);
  const before = memory().tensors;
  const loss = tidy(() => model.forward(input).map((out, index) => sum(mul(out, weights[index] as Tensor))).reduce((total, term) => add(total, term)));
  const kept = memory().tensors - before;
  loss.backward();
  const value = loss.item();
  loss.dispose();
  const gradients = new Map(model.namedParameters().map(([name, parameter]) => [name, Float32Array.from((parameter.grad as Tensor).dataSync())]));
  for (const parameter of model.parameters()) parameter.grad?.dispose();
  return { loss: value, gradients, kept };
}

describe('VisionTransformer with_cp', () => {
  it('gives the same loss and gradients with and without checkpointing (layer scale, dropout, drop path)', () => {
    const build = (withCp: boolean) =>
      new VisionTransformer({
        arch: { embed_dims: 16, num_layers: 4, num_heads: 2, feedforward_channels: 32 },
        img_size: 16,
        patch_size: 4,
        out_type: 'featmap',
        out_indices: [1, 3],
        drop_rate: 0.1,
        drop_path_rate: 0.3,
        layer_scale_init_value: 0.5,
        with_cp: withCp,
      });
    const plainModel = build(false);
    plainModel.initWeights();
    const checkpointedModel = build(true);
    checkpointedModel.loadStateDict(plainModel.stateDict());
    const input = randn([2, 3, 16, 16]);
    // Fixed random weights: a norm's output has a constant mean square, which would hide differences.
    const weights = tidy(() => noGrad(() => plainModel.eval().forward(input).map((out) => randn(out.shape))));
    const plain = trainingStep(plainModel, input, weights, 11);
    const checkpointed = trainingStep(checkpointedModel, input, weights, 11);
    expect(checkpointed.loss).toBeCloseTo(plain.loss, 6);
    // The random drops matter here (another seed gives another loss), so they were replayed.
    expect(Math.abs(trainingStep(plainModel, input, weights, 12).loss - plain.loss)).toBeGreaterThan(1e-4);
    for (const [name, expected] of plain.gradients) {
      const actual = checkpointed.gradients.get(name) as Float32Array;
      const scale = Math.max(1, ...expected.map(Math.abs));
      expected.forEach((value, index) => expect(Math.abs(value - (actual[index] as number)), name).toBeLessThanOrEqual(1e-6 * scale));
    }
    expect(checkpointed.kept).toBeLessThan(plain.kept / 2);
    for (const tensor of [input, ...weights]) tensor.dispose();
    plainModel.dispose();
    checkpointedModel.dispose();
  });

  it('passes with_cp to every layer and runs them plainly under noGrad', () => {
    const model = new VisionTransformer({ arch: { embed_dims: 16, num_layers: 2, num_heads: 2, feedforward_channels: 32 }, img_size: 16, patch_size: 4, with_cp: true });
    expect(model.layers.children().map((layer) => (layer as TransformerEncoderLayer).withCp)).toEqual([true, true]);
    const input = randn([1, 3, 16, 16]);
    const output = noGrad(() => model.forward(input)[0] as Tensor);
    expect(output.gradFn).toBeNull();
    for (const tensor of [output, input]) tensor.dispose();
    model.dispose();
  });
});
