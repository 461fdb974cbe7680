import { BatchNorm2d, type Tensor, createCpuBackend, memory, mul, setDefaultBackend, sum, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../optimizers/adam';
import { SGD } from '../optimizers/sgd';
import { OptimWrapper } from './optim-wrapper';

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** `loss = sum(w · c)`: its gradient with respect to `w` is `c`. */
function linearLoss(weight: Tensor, coefficients: number[]): Tensor {
  return tidy(() => sum(mul(weight, tensor(coefficients))));
}

function iterate(wrapper: OptimWrapper, weight: Tensor, coefficients: number[][]): number[][] {
  return coefficients.map((c) => {
    const loss = linearLoss(weight, c);
    wrapper.updateParams(loss);
    loss.dispose();
    return Array.from(weight.dataSync());
  });
}

describe('OptimWrapper', () => {
  it('steps every iteration without accumulation', () => {
    const weight = tensor([1, 1], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 0.5 }) });
    expect(iterate(wrapper, weight, [[1, 2], [2, 4]])).toEqual([[0.5, 0], [-0.5, -2]]);
    expect(Array.from((weight.grad as Tensor).dataSync())).toEqual([0, 0]);
    expect(wrapper.innerCount).toBe(2);
    weight.grad?.dispose();
    weight.dispose();
  });

  it('accumulates accumulative_counts iterations and scales the last incomplete window as MMEngine', () => {
    const weight = tensor([1], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), accumulative_counts: 3 });
    wrapper.initializeCountStatus(null, 0, 7);
    // windows [1, 2, 3] and [4, 5, 6] are divided by 3; the last window [7] by 1 (7 % 3)
    const trajectory = iterate(wrapper, weight, [[1], [2], [3], [4], [5], [6], [7]]).map(([value]) => value as number);
    expect(trajectory).toEqual([1, 1, -1, -1, -1, -6, -13]);
    weight.grad?.dispose();
    weight.dispose();
  });

  it('divides by accumulative_counts when the run length is unknown', () => {
    const weight = tensor([0], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), accumulative_counts: 2 });
    const trajectory = iterate(wrapper, weight, [[2], [4], [6], [8], [10]]).map(([value]) => value as number);
    expect(trajectory).toEqual([0, -3, -3, -10, -10]);
    expect(wrapper.shouldUpdate()).toBe(false);
    weight.grad?.dispose();
    weight.dispose();
  });

  it('resumes inside a window as MMEngine (and warns about it and about BatchNorm)', () => {
    const warnings: string[] = [];
    const weight = tensor([0], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), accumulative_counts: 3, warn: (message) => warnings.push(message) });
    const model = new BatchNorm2d(2);
    wrapper.initializeCountStatus(model, 4, 10);
    expect(warnings).toEqual([
      'Resumed iteration number is not divisible by `_accumulative_counts` in `GradientCumulativeOptimizerHook`, which means the gradient of some iterations is lost and the result may be influenced slightly.',
      'Gradient accumulative may slightly decrease performance because the model has BatchNorm layers.',
    ]);
    expect(wrapper.shouldSync()).toBe(false);
    // counts 5, 6 | 7, 8, 9 | 10: updates at 6 and 9 (divided by 3) and at 10 (divided by 10 % 3 = 1)
    const trajectory = iterate(wrapper, weight, [[3], [3], [6], [6], [6], [5]]).map(([value]) => value as number);
    expect(trajectory).toEqual([0, -2, -2, -2, -8, -13]);
    model.dispose();
    weight.grad?.dispose();
    weight.dispose();
  });

  it('clips by norm before stepping and keeps the total norm', () => {
    const weight = tensor([0, 0], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), clip_grad: { max_norm: 1, norm_type: 2 } });
    iterate(wrapper, weight, [[3, 4]]);
    expect(wrapper.gradNorm?.item()).toBeCloseTo(5, 6);
    const [a, b] = Array.from(weight.dataSync());
    expect(a).toBeCloseTo(-0.6, 6);
    expect(b).toBeCloseTo(-0.8, 6);
    wrapper.dispose();
    weight.grad?.dispose();
    weight.dispose();
  });

  it('clips by value', () => {
    const weight = tensor([0, 0, 0], { requiresGrad: true });
    const wrapper = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), clip_grad: { type: 'value', clip_value: 0.5 } });
    expect(iterate(wrapper, weight, [[3, -0.25, -4]])).toEqual([[-0.5, 0.25, 0.5]]);
    expect(wrapper.gradNorm).toBeNull();
    weight.grad?.dispose();
    weight.dispose();
  });

  it('rejects bad options with messages naming them', () => {
    const weight = tensor([0], { requiresGrad: true });
    const optimizer = new SGD({ params: [weight], lr: 1 });
    expect(() => new OptimWrapper({ optimizer, accumulative_counts: 0 })).toThrow('OptimWrapper: accumulative_counts must be a positive integer, got 0');
    expect(() => new OptimWrapper({ optimizer: { type: 'SGD' } as never })).toThrow('OptimWrapper: optimizer must be an Optimizer instance, got {"type":"SGD"}');
    expect(() => new OptimWrapper({ optimizer, clip_grad: {} })).toThrow('OptimWrapper: clip_grad must be null or a non-empty object');
    expect(() => new OptimWrapper({ optimizer, clip_grad: { type: 'norm2' as 'norm', max_norm: 1 } })).toThrow(
      'OptimWrapper: clip_grad.type must be "norm" or "value", got "norm2"',
    );
    expect(() => new OptimWrapper({ optimizer, clip_grad: { type: 'value' } })).toThrow('OptimWrapper: clip_grad must hold options besides "type"');
    expect(() => new OptimWrapper({ optimizer, accumulative_count: 2 } as never)).toThrow(
      'OptimWrapper: unknown option "accumulative_count" (known options: optimizer, accumulative_counts, clip_grad, warn)',
    );
    weight.dispose();
  });

  it('exposes base_param_settings, lr and momentum as MMEngine with several groups', () => {
    const a = tensor([0], { requiresGrad: true });
    const b = tensor([0], { requiresGrad: true });
    const optimizer = new Adam({ params: [{ params: [a], lr: 0.1 }, { params: [b] }], lr: 0.01, betas: [0.8, 0.9] });
    const wrapper = new OptimWrapper({ optimizer });
    expect(wrapper.paramGroups).toHaveLength(3);
    expect(wrapper.getLr()).toEqual({ base_lr: [0.01], lr: [0.1, 0.01] });
    expect(wrapper.getMomentum()).toEqual({ momentum: [0.8, 0.8] });
    const dict = wrapper.stateDict();
    expect(dict.base_param_settings).toMatchObject({ lr: 0.01, betas: [0.8, 0.9], params: [] });
    expect(dict.param_groups.map((group) => group.params)).toEqual([[0], [1]]);
    const single = new OptimWrapper({ optimizer: new SGD({ params: [a], lr: 0.1, momentum: 0.9 }) });
    expect(single.paramGroups).toHaveLength(1);
    expect(single.getLr()).toEqual({ lr: [0.1] });
    expect(single.getMomentum()).toEqual({ momentum: [0.9] });
    expect('base_param_settings' in single.stateDict()).toBe(false);
    a.dispose();
    b.dispose();
  });

  it('round-trips its state dict', () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const first = new OptimWrapper({ optimizer: new SGD({ params: [weight], lr: 0.1, momentum: 0.9 }) });
    iterate(first, weight, [[1, 1], [2, 2]]);
    const copy = tensor(Array.from(weight.dataSync()), { requiresGrad: true });
    const second = new OptimWrapper({ optimizer: new SGD({ params: [copy], lr: 0.7, momentum: 0.1 }) });
    second.loadStateDict(first.stateDict());
    expect(second.getLr()).toEqual({ lr: [0.1] });
    expect(iterate(first, weight, [[3, 1]])).toEqual(iterate(second, copy, [[3, 1]]));
    first.dispose();
    second.dispose();
    for (const tensorHandle of [weight, copy]) {
      tensorHandle.grad?.dispose();
      tensorHandle.dispose();
    }
  });

  it('does not leak tensors over 100 iterations with accumulation and clipping', () => {
    const weight = tensor([1, 2, 3], { requiresGrad: true });
    const wrapper = new OptimWrapper({
      optimizer: new SGD({ params: [weight], lr: 0.01, momentum: 0.9, weight_decay: 1e-4 }),
      accumulative_counts: 2,
      clip_grad: { max_norm: 1 },
    });
    iterate(wrapper, weight, [[1, 2, 3], [1, 2, 3]]);
    const before = memory();
    iterate(wrapper, weight, Array.from({ length: 100 }, (_, index) => [index, 1, -index]));
    const after = memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
    wrapper.dispose();
    weight.grad?.dispose();
    weight.dispose();
  });
});

