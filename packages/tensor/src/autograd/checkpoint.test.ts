import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, noGrad, setDefaultBackend, tidy } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { add, mul } from '../ops/arithmetic';
import { dropout } from '../ops/nn/dropout';
import { sum } from '../ops/reduce';
import { relu, sin, square } from '../ops/unary';
import { ReLU } from '../nn/activations';
import { BatchNorm2d } from '../nn/batch-norm';
import { Conv2d } from '../nn/conv2d';
import { Dropout } from '../nn/dropout';
import { Linear } from '../nn/linear';
import type { Module } from '../nn/module';
import { Sequential } from '../nn/sequential';
import { Generator, defaultGenerator, manualSeed } from '../random/generator';
import { randn } from '../random/random-tensors';
import { backward } from './backward';
import { checkpoint } from './checkpoint';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** The gradients of `x` and of every parameter after one backward of `loss(model(x))`. */
function gradients(model: Module, x: Tensor, useCheckpoint: boolean, options: { generators?: Generator[] } = {}): number[][] {
  model.zeroGrad();
  clearGrads([x]);
  tidy(() => {
    const run = (input: Tensor): Tensor => (model as unknown as { forward(input: Tensor): Tensor }).forward(input);
    const hidden = square(x); // the checkpoint's input is not a leaf
    const output = useCheckpoint ? checkpoint(run, [hidden], options) : run(hidden);
    sum(mul(sin(output), output)).backward();
  });
  return [x, ...model.parameters()].map(gradValues);
}

/** Disposes and clears the gradient of each tensor. */
function clearGrads(tensors: readonly Tensor[]): void {
  for (const tensor of tensors) {
    tensor.grad?.dispose();
    tensor.grad = null;
  }
}

/** The values of a tensor's gradient. */
function gradValues(tensor: Tensor): number[] {
  return Array.from((tensor.grad as Tensor).dataSync());
}

function expectClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  for (const [index, values] of expected.entries()) {
    const other = actual[index] as number[];
    expect(other.length).toBe(values.length);
    const worst = Math.max(...values.map((value, position) => Math.abs(value - (other[position] as number))));
    expect(worst).toBeLessThanOrEqual(1e-6);
  }
}

describe('checkpoint', () => {
  it('gives the gradients of an MLP with dropout (a seeded generator of its own) as without checkpoint', () => {
    const generator = new Generator(3);
    const model = new Sequential(
      new Linear(6, 16, { generator }),
      new ReLU(),
      new Dropout(0.3, { generator }),
      new Linear(16, 5, { generator }),
    );
    const x = randn([4, 6], { generator, requiresGrad: true });
    const state = generator.getState();
    const plain = gradients(model, x, false);
    generator.setState(state);
    const checkpointed = gradients(model, x, true, { generators: [generator] });
    expectClose(checkpointed, plain);
    clearGrads([x]);
    model.dispose();
    x.dispose();
  });

  it('replays the default generator (dropout without a generator) and puts its state back after backward', () => {
    const generator = new Generator(5);
    const x = randn([64], { generator, requiresGrad: true });
    const w = randn([64], { generator, requiresGrad: true });
    const block = (input: Tensor): Tensor => dropout(mul(input, w), 0.5, true);
    const run = (useCheckpoint: boolean): { x: number[]; w: number[]; stateAfter: number[] } => {
      manualSeed(11);
      const values = tidy(() => {
        const output = useCheckpoint ? checkpoint(block, [x]) : block(x);
        const afterForward = defaultGenerator.getState();
        defaultGenerator.uniform(); // something else draws between forward and backward
        const beforeBackward = defaultGenerator.getState();
        sum(square(output)).backward();
        expect(defaultGenerator.getState()).toEqual(beforeBackward);
        return { afterForward };
      });
      const result = { x: gradValues(x), w: gradValues(w), stateAfter: values.afterForward };
      clearGrads([x, w]);
      return result;
    };
    const plain = run(false);
    const checkpointed = run(true);
    expect(checkpointed.x).toEqual(plain.x);
    expect(checkpointed.w).toEqual(plain.w);
    expect(checkpointed.stateAfter).toEqual(plain.stateAfter);
    expect(plain.x.filter((value) => value === 0).length).toBeGreaterThan(10);
    x.dispose();
    w.dispose();
  });

  it('without preserveRngState the recompute draws new numbers (the gradients then differ)', () => {
    const generator = new Generator(6);
    const x = randn([64], { generator, requiresGrad: true });
    manualSeed(2);
    tidy(() => sum(checkpoint((input) => dropout(input, 0.5, true), [x], { preserveRngState: false })).backward());
    const noReplay = gradValues(x);
    clearGrads([x]);
    manualSeed(2);
    tidy(() => sum(dropout(x, 0.5, true)).backward());
    expect(gradValues(x)).not.toEqual(noReplay);
    clearGrads([x]);
    x.dispose();
  });

  it('gives the gradients of a conv block with batch norm as without checkpoint', () => {
    const generator = new Generator(7);
    const model = new Sequential(
      new Conv2d(3, 4, 3, { padding: 1, generator }),
      new BatchNorm2d(4),
      new ReLU(),
      new Conv2d(4, 3, 3, { padding: 1, bias: false, generator }),
    );
    const x = randn([2, 3, 6, 6], { generator, requiresGrad: true });
    const plain = gradients(model, x, false);
    const checkpointed = gradients(model, x, true);
    expectClose(checkpointed, plain);
    clearGrads([x]);
    model.dispose();
    x.dispose();
  });

  it('frees the activations of fn after forward and leaks nothing', () => {
    const generator = new Generator(8);
    const model = new Sequential(new Linear(8, 32, { generator }), new ReLU(), new Linear(32, 32, { generator }), new ReLU(), new Linear(32, 8, { generator }));
    const x = randn([4, 8], { generator, requiresGrad: true });
    const forward = (input: Tensor): Tensor => model.forward(input);
    const liveAfterForward = (useCheckpoint: boolean): number => {
      const before = memory();
      const loss = tidy(() => sum(useCheckpoint ? checkpoint(forward, [x]) : forward(x)));
      const live = memory().tensors - before.tensors;
      loss.backward();
      loss.dispose();
      clearGrads([x, ...model.parameters()]);
      expect(memory()).toEqual(before);
      return live;
    };
    const plain = liveAfterForward(false);
    const checkpointed = liveAfterForward(true);
    // With checkpoint the graph keeps the input only; without, every layer's saved tensors.
    expect(checkpointed).toBeLessThan(plain);
    expect(checkpointed).toBe(2); // the loss, and the graph's handle on x
    model.dispose();
    x.dispose();
  });

  it('frees the graph it dropped when backward is never called', () => {
    const x = randn([5], { requiresGrad: true });
    const before = memory();
    const output = checkpoint((input) => relu(mul(input, 3)), [x]);
    output.dispose();
    expect(memory()).toEqual(before);
    x.dispose();
  });

  it('supports several outputs, an output that is an input, nested checkpoints and retainGraph', () => {
    const x = randn([3, 2], { requiresGrad: true });
    const y = randn([4], { requiresGrad: true });
    const fn = (a: Tensor, b: Tensor): Tensor[] => [square(a), b, mul(sum(a), checkpoint((inner) => sin(inner), [b]))];
    const loss = (outputs: Tensor[]): Tensor => add(add(sum(mul(outputs[0] as Tensor, 2)), sum(mul(outputs[1] as Tensor, 3))), sum(outputs[2] as Tensor));
    const before = memory();
    const run = (useCheckpoint: boolean): number[][] => {
      const total = tidy(() => loss(useCheckpoint ? checkpoint(fn, [x, y]) : fn(x, y)));
      backward(total, undefined, { retainGraph: true });
      total.backward(); // a second pass through the same graph doubles the gradients
      total.dispose();
      const values = [gradValues(x), gradValues(y)];
      clearGrads([x, y]);
      return values;
    };
    const plain = run(false);
    expect(memory()).toEqual(before);
    const checkpointed = run(true);
    expect(memory()).toEqual(before);
    expectClose(checkpointed, plain);
    const outputs = checkpoint(fn, [x, y]);
    expect(outputs[1]).not.toBe(y);
    expect(outputs.map((output) => output.shape)).toEqual([[3, 2], [4], [4]]);
    for (const output of outputs) output.dispose();
    expect(memory()).toEqual(before);
    x.dispose();
    y.dispose();
  });

  it('returns new handles and leaves alone the outputs fn did not create', () => {
    const x = randn([3], { requiresGrad: true });
    const constant = randn([2]);
    const before = memory();
    const [doubled, same, kept] = checkpoint((input) => [mul(input, 2), input, constant], [x]) as [Tensor, Tensor, Tensor];
    expect(same).not.toBe(x);
    expect(kept).not.toBe(constant);
    tidy(() => add(sum(doubled), add(sum(same), sum(kept))).backward());
    expect(gradValues(x)).toEqual([3, 3, 3]);
    for (const tensor of [doubled, same, kept]) tensor.dispose();
    clearGrads([x]);
    expect(memory()).toEqual(before);
    expect(constant.isDisposed).toBe(false);
    const single = checkpoint((input) => input, [x]);
    expect(single).not.toBe(x);
    expect(x.gradFn).toBeNull();
    single.dispose();
    expect(x.isDisposed).toBe(false);
    constant.dispose();
    x.dispose();
  });

  it('runs fn as it is when no input requires grad (the parameters still get their gradients)', () => {
    const w = randn([3], { requiresGrad: true });
    const x = randn([3]);
    tidy(() => sum(checkpoint((input) => mul(input, w), [x])).backward());
    expect(gradValues(w)).toEqual(Array.from(x.dataSync()));
    const withoutGrad = noGrad(() => checkpoint((input) => mul(input, w), [x]));
    expect(withoutGrad.gradFn).toBeNull();
    withoutGrad.dispose();
    clearGrads([w]);
    w.dispose();
    x.dispose();
  });

  it('releases what the recompute created when fn fails in backward', () => {
    const x = randn([3], { requiresGrad: true });
    let calls = 0;
    const before = memory();
    const output = checkpoint((input) => {
      calls++;
      if (calls === 2) {
        square(input);
        throw new Error('boom');
      }
      return square(input);
    }, [x]);
    const total = sum(output);
    expect(() => total.backward()).toThrow('boom');
    total.dispose();
    output.dispose();
    expect(memory()).toEqual(before);
    x.dispose();
  });
});
