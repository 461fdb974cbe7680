import { type Tensor, createCpuBackend, memory, mul, setDefaultBackend, sum, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SGD } from '../optimizers/sgd';
import { AmpOptimWrapper } from './amp-optim-wrapper';
import { enableAmp } from './enable-amp';
import { GradScaler } from './grad-scaler';
import { OptimWrapper } from './optim-wrapper';

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

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

function release(...tensors: Tensor[]): void {
  for (const handle of tensors) {
    handle.grad?.dispose();
    handle.dispose();
  }
}

const INF = Number.POSITIVE_INFINITY;

describe('AmpOptimWrapper', () => {
  it('starts with the dynamic scale 65536 and trains as the plain wrapper without overflow', () => {
    const plainWeight = tensor([1, -2, 0.5], { requiresGrad: true });
    const ampWeight = tensor([1, -2, 0.5], { requiresGrad: true });
    const plain = new OptimWrapper({ optimizer: new SGD({ params: [plainWeight], lr: 0.1, momentum: 0.9 }), accumulative_counts: 2 });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [ampWeight], lr: 0.1, momentum: 0.9 }), accumulative_counts: 2 });
    expect(amp.lossScaler.getScale()).toBe(65536);
    const coefficients = [[0.3, 1, -2], [1.5, 0.25, 3], [0.1, 0.2, 0.3], [7, -1, 2]];
    expect(iterate(amp, ampWeight, coefficients)).toEqual(iterate(plain, plainWeight, coefficients));
    expect(amp.stateDict().loss_scaler).toEqual({ scale: 65536, growth_factor: 2, backoff_factor: 0.5, growth_interval: 2000, _growth_tracker: 2 });
    release(plainWeight, ampWeight);
  });

  it('skips the step and halves the scale when a gradient is inf or NaN', () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 0.5 }) });
    iterate(amp, weight, [[2, 2]]);
    expect(Array.from(weight.dataSync())).toEqual([0, 1]);
    expect(amp.lastStepSkipped).toBe(false);
    expect(amp.lossScaler.getGrowthTracker()).toBe(1);
    iterate(amp, weight, [[INF, 1]]);
    expect(Array.from(weight.dataSync())).toEqual([0, 1]);
    expect(amp.lastStepSkipped).toBe(true);
    expect(amp.lossScaler.getScale()).toBe(32768);
    expect(amp.lossScaler.getGrowthTracker()).toBe(0);
    iterate(amp, weight, [[Number.NaN, 1]]);
    expect(Array.from(weight.dataSync())).toEqual([0, 1]);
    expect(amp.lossScaler.getScale()).toBe(16384);
    // an overflow of the scaled loss itself: 1e35 · 16384 is beyond float32
    iterate(amp, weight, [[1e35, 0]]);
    expect(amp.lastStepSkipped).toBe(true);
    expect(amp.lossScaler.getScale()).toBe(8192);
    iterate(amp, weight, [[4, -2]]);
    expect(Array.from(weight.dataSync())).toEqual([-2, 2]);
    expect(amp.lastStepSkipped).toBe(false);
    expect(Array.from((weight.grad as Tensor).dataSync())).toEqual([0, 0]);
    release(weight);
  });

  it('takes the same steps through updateParamsAsync (the path for asynchronous backends), clipping included', async () => {
    const coefficients = [[2, 2], [INF, 1], [Number.NaN, 1], [1e35, 0], [4, -2], [30, -40]];
    const trajectories: number[][][] = [];
    for (const asynchronous of [false, true]) {
      const weight = tensor([1, 2], { requiresGrad: true });
      const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 0.5 }), clip_grad: { max_norm: 10 } });
      const trajectory: number[][] = [];
      for (const c of coefficients) {
        const loss = linearLoss(weight, c);
        if (asynchronous) await amp.updateParamsAsync(loss);
        else amp.updateParams(loss);
        loss.dispose();
        trajectory.push([...weight.dataSync(), amp.lossScaler.getScale(), amp.lastStepSkipped ? 1 : 0]);
      }
      trajectories.push(trajectory);
      release(weight);
    }
    expect(trajectories[1]).toEqual(trajectories[0]);
    // The last step's gradient (30, -40) has norm 50: clipped to 10 before the step.
    expect(trajectories[0]?.at(-1)?.slice(0, 2)).toEqual(trajectories[0]?.at(-2)?.slice(0, 2).map((value, index) => value - 0.5 * [6, -8][index]!));
  });

  it('grows the scale after growth_interval clean steps', () => {
    const weight = tensor([0], { requiresGrad: true });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), loss_scale: { init_scale: 4, growth_interval: 3 } });
    iterate(amp, weight, [[1], [1]]);
    expect(amp.lossScaler.getScale()).toBe(4);
    iterate(amp, weight, [[1]]);
    expect(amp.lossScaler.getScale()).toBe(8);
    expect(amp.lossScaler.getGrowthTracker()).toBe(0);
    expect(Array.from(weight.dataSync())).toEqual([-3]);
    release(weight);
  });

  it('keeps a static scale, still skipping overflowed steps', () => {
    const weight = tensor([0], { requiresGrad: true });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1 }), loss_scale: 512 });
    iterate(amp, weight, [[INF], [1], [1]]);
    expect(amp.lossScaler.getScale()).toBe(512);
    expect(Array.from(weight.dataSync())).toEqual([-2]);
    release(weight);
  });

  it('unscales before clipping', () => {
    const plainWeight = tensor([0, 0], { requiresGrad: true });
    const ampWeight = tensor([0, 0], { requiresGrad: true });
    const plain = new OptimWrapper({ optimizer: new SGD({ params: [plainWeight], lr: 1 }), clip_grad: { max_norm: 1 } });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [ampWeight], lr: 1 }), clip_grad: { max_norm: 1 } });
    expect(iterate(amp, ampWeight, [[3, 4]])).toEqual(iterate(plain, plainWeight, [[3, 4]]));
    expect(amp.gradNorm?.item()).toBeCloseTo(5, 5);
    amp.dispose();
    plain.dispose();
    release(plainWeight, ampWeight);
  });

  it('saves and loads the loss scaler with the optimizer state', () => {
    const weight = tensor([0], { requiresGrad: true });
    const first = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1, momentum: 0.5 }) });
    iterate(first, weight, [[1], [INF], [2]]);
    const dict = first.stateDict();
    expect(dict.loss_scaler).toEqual({ scale: 32768, growth_factor: 2, backoff_factor: 0.5, growth_interval: 2000, _growth_tracker: 1 });
    expect(Object.keys(dict).sort()).toEqual(['loss_scaler', 'param_groups', 'state']);
    const copy = tensor(Array.from(weight.dataSync()), { requiresGrad: true });
    const second = new AmpOptimWrapper({ optimizer: new SGD({ params: [copy], lr: 1, momentum: 0.5 }) });
    second.loadStateDict(dict);
    expect(second.lossScaler.getScale()).toBe(32768);
    expect(second.lossScaler.getGrowthTracker()).toBe(1);
    expect(iterate(second, copy, [[3]])).toEqual(iterate(first, weight, [[3]]));
    expect(second.lossScaler.getGrowthTracker()).toBe(2);
    first.dispose();
    second.dispose();
    release(weight, copy);
  });

  it('validates loss_scale and dtype', () => {
    const weight = tensor([0], { requiresGrad: true });
    const optimizer = new SGD({ params: [weight], lr: 1 });
    expect(() => new AmpOptimWrapper({ optimizer, loss_scale: 'static' as 'dynamic' })).toThrow(
      'AmpOptimWrapper: loss_scale must be a number, an object of GradScaler options or "dynamic", got "static"',
    );
    expect(() => new AmpOptimWrapper({ optimizer, dtype: 'float8' as 'float16' })).toThrow(
      'AmpOptimWrapper: dtype must be one of float16, bfloat16, float32, float64 or null, got "float8"',
    );
    expect(new AmpOptimWrapper({ optimizer, dtype: 'float16' }).castDtype).toBe('float16');
    expect(() => new AmpOptimWrapper({ optimizer, loss_scale: { growth_factor: 0.5 } })).toThrow('GradScaler: growth_factor must be > 1.0, got 0.5');
    release(weight);
  });

  it('does not leak tensors over 100 iterations with overflows', () => {
    const weight = tensor([1, 2], { requiresGrad: true });
    const amp = new AmpOptimWrapper({ optimizer: new SGD({ params: [weight], lr: 1e-3, momentum: 0.9 }), clip_grad: { max_norm: 10 } });
    iterate(amp, weight, [[1, 1]]);
    const before = memory();
    iterate(amp, weight, Array.from({ length: 100 }, (_, index) => (index % 10 === 3 ? [INF, 1] : [index, -1])));
    const after = memory();
    expect(after.tensors).toBe(before.tensors);
    expect(after.bytes).toBe(before.bytes);
    amp.dispose();
    release(weight);
  });
});

describe('GradScaler', () => {
  it('enforces the order scale → unscale → step → update', () => {
    const weight = tensor([1], { requiresGrad: true });
    const optimizer = new SGD({ params: [weight], lr: 1 });
    const scaler = new GradScaler();
    expect(() => scaler.unscale(optimizer)).toThrow('GradScaler.unscale: the scale is not initialized; call scale(loss) earlier in the iteration');
    const loss = linearLoss(weight, [2]);
    const scaled = scaler.scale(loss);
    expect(scaled.item()).toBe(131072);
    scaled.backward();
    scaled.dispose();
    loss.dispose();
    scaler.unscale(optimizer);
    expect(() => scaler.unscale(optimizer)).toThrow('GradScaler.unscale: unscale() has already been called on this optimizer since the last update()');
    expect(scaler.step(optimizer)).toBe(true);
    expect(() => scaler.step(optimizer)).toThrow('GradScaler.step: step() has already been called since the last update()');
    scaler.update();
    expect(() => scaler.update()).toThrow('GradScaler.update: no inf checks were recorded prior to update() (call step() or unscale() first)');
    expect(Array.from(weight.dataSync())).toEqual([-1]);
    release(weight);
  });

  it('passes through when disabled', () => {
    const scaler = new GradScaler({ enabled: false });
    expect(scaler.getScale()).toBe(1);
    expect(scaler.stateDict()).toEqual({});
  });

  it('rejects an empty state dict', () => {
    expect(() => new GradScaler().loadStateDict({})).toThrow(
      'GradScaler.loadStateDict: the state dict is empty, possibly because it was saved from a disabled GradScaler',
    );
  });
});

describe('enableAmp (the --amp switch)', () => {
  it('turns an OptimWrapper config into a dynamic AmpOptimWrapper', () => {
    expect(enableAmp({ optimizer: { type: 'SGD', lr: 0.1 } })).toEqual({ optimizer: { type: 'SGD', lr: 0.1 }, type: 'AmpOptimWrapper', loss_scale: 'dynamic' });
    expect(enableAmp({ type: 'AmpOptimWrapper', loss_scale: 512, optimizer: {} })).toMatchObject({ loss_scale: 512 });
    expect(() => enableAmp({ type: 'MyWrapper', optimizer: {} })).toThrow('enableAmp: --amp is not supported with the custom optimizer wrapper type "MyWrapper"');
  });
});
