import { type AnyModule, type CpuBackend, type Tensor, add, createCpuBackend, manualSeed, memory, mul, noGrad, randn, setDefaultBackend, sum, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConvNeXt } from './convnext';
import { ConvNeXtBlock } from './convnext-block';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** One training step from `seed` (drop path draws from the default generator), with the loss `sum(output * weight)` over the outputs. */
function trainingStep(model: ConvNeXt, input: Tensor, weights: Tensor[], seed: number): { loss: number; gradients: Map<string, Float32Array>; kept: number } {
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

describe('ConvNeXt with_cp', () => {
  it('gives the same loss and gradients with and without checkpointing (V2 blocks, drop path, 1x1 convs)', () => {
    const build = (withCp: boolean) =>
      new ConvNeXt({ arch: { depths: [2, 2], channels: [8, 16] }, out_indices: [0, 1], use_grn: true, layer_scale_init_value: 0, linear_pw_conv: false, drop_path_rate: 0.3, with_cp: withCp });
    const plainModel = build(false);
    const checkpointedModel = build(true);
    checkpointedModel.loadStateDict(plainModel.stateDict());
    const input = randn([2, 3, 32, 32]);
    input.requiresGrad = true;
    // Fixed random weights: a norm's output has a constant mean square, which would hide differences.
    const weights = tidy(() => noGrad(() => plainModel.eval().forward(input).map((out) => randn(out.shape))));
    const plain = trainingStep(plainModel, input, weights, 5);
    const checkpointed = trainingStep(checkpointedModel, input, weights, 5);
    expect(checkpointed.loss).toBeCloseTo(plain.loss, 6);
    // The random drops matter here (another seed gives another loss), so they were replayed.
    expect(Math.abs(trainingStep(plainModel, input, weights, 6).loss - plain.loss)).toBeGreaterThan(1e-4);
    for (const [name, expected] of plain.gradients) {
      const actual = checkpointed.gradients.get(name) as Float32Array;
      const scale = Math.max(1, ...expected.map(Math.abs));
      expected.forEach((value, index) => expect(Math.abs(value - (actual[index] as number)), name).toBeLessThanOrEqual(1e-6 * scale));
    }
    expect(checkpointed.kept).toBeLessThan(plain.kept / 2);
    input.grad?.dispose();
    for (const tensor of [input, ...weights]) tensor.dispose();
    plainModel.dispose();
    checkpointedModel.dispose();
  });

  it('passes with_cp to every block and runs them plainly under noGrad', () => {
    const model = new ConvNeXt({ arch: { depths: [1, 2], channels: [8, 16] }, out_indices: [1], with_cp: true });
    const blocks = model.modules().filter((module): module is ConvNeXtBlock => module instanceof ConvNeXtBlock);
    expect(blocks.map((block) => block.withCp)).toEqual([true, true, true]);
    const input = randn([1, 3, 16, 16]);
    input.requiresGrad = true;
    const output = noGrad(() => (model.forward(input)[0] as Tensor));
    expect(output.gradFn).toBeNull();
    for (const tensor of [output, input]) tensor.dispose();
    model.dispose();
    const plain = new ConvNeXt({ arch: { depths: [1, 1], channels: [8, 16] }, out_indices: [1] });
    expect(plain.modules().some((module: AnyModule) => module instanceof ConvNeXtBlock && module.withCp)).toBe(false);
    plain.dispose();
  });
});
