import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memory, noGrad, setDefaultBackend, tidy } from '../core/engine';
import { type CpuBackend, createCpuBackend } from '../cpu/cpu-backend';
import { mul, sub } from '../ops/arithmetic';
import { mean } from '../ops/reduce';
import { square } from '../ops/unary';
import { Generator } from '../random/generator';
import { randn } from '../random/random-tensors';
import { ReLU } from './activations';
import { BatchNorm1d } from './batch-norm';
import { Dropout } from './dropout';
import { Linear } from './linear';
import { Sequential } from './sequential';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend({ threads: 1 });
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('training a tiny MLP', () => {
  it('runs 200 SGD steps without growing memory, and learns', () => {
    const generator = new Generator(0);
    const model = new Sequential(
      new Linear(4, 16, { generator }),
      new BatchNorm1d(16),
      new ReLU(),
      new Dropout(0.1, { generator }),
      new Linear(16, 3, { generator }),
    );
    const parameters = model.parameters();
    const x = randn([8, 4], { generator });
    const target = randn([8, 3], { generator });
    const learningRate = 0.05;
    const step = (): number =>
      tidy(() => {
        const loss = mean(square(sub(model.forward(x), target)));
        loss.backward();
        noGrad(() => {
          for (const parameter of parameters) {
            const updated = sub(parameter, mul(parameter.grad as typeof parameter, learningRate));
            parameter.replaceStorage(updated.storage);
          }
        });
        model.zeroGrad();
        return loss.item();
      });
    const first = step();
    const before = memory();
    let last = first;
    for (let index = 1; index < 200; index++) last = step();
    expect(memory().tensors).toBe(before.tensors);
    expect(memory().bytes).toBe(before.bytes);
    expect(memory().storages).toBe(before.storages);
    expect(model.parameters()).toEqual(parameters);
    expect(last).toBeLessThan(first * 0.5);
    x.dispose();
    target.dispose();
    model.dispose();
  });
});
