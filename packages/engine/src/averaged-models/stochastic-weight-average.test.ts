import { type CpuBackend, Linear, createCpuBackend, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StochasticWeightAverage } from './stochastic-weight-average';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function run(interval: number, inputs: number[]): number[] {
  const source = new Linear(1, 1, { bias: false });
  const swa = new StochasticWeightAverage({ model: source, interval });
  return inputs.map((value) => {
    tidy(() => source.loadStateDict(new Map([['weight', tensor([[value]])]])));
    swa.updateParameters(source);
    return swa.moduleStateDict().get('weight')?.item() as number;
  });
}

describe('StochasticWeightAverage', () => {
  it('is the running mean of the source values', () => {
    const got = run(1, [2, 4, 9, 1]);
    [2, 3, 5, 4].forEach((mean, index) => expect(got[index]).toBeCloseTo(mean, 6));
  });

  it('averages the values of every interval-th update, dividing by floor(steps / interval) + 1', () => {
    // step 0 copies 3; step 2: 3 + (7 - 3) / 2 = 5; step 4: 5 + (2 - 5) / 3 = 4 (the mean of 3, 7, 2)
    const got = run(2, [3, 100, 7, -50, 2]);
    [3, 3, 5, 5, 4].forEach((mean, index) => expect(got[index]).toBeCloseTo(mean, 6));
  });
});
