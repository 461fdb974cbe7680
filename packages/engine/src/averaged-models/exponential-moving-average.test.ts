import { type CpuBackend, Linear, createCpuBackend, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExponentialMovingAverage } from './exponential-moving-average';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

/** The source's weights at each update. */
const trajectory = [
  [0.5, -1.25, 2],
  [1.5, -0.75, 1],
  [-2, 0.25, 3.5],
  [0.125, 4, -1],
  [3, 3, 3],
];

/** MMEngine's rule in float64: the first update copies, then avg = (1 - m) avg + m source. */
function expected(momentum: number): number[][] {
  const out: number[][] = [];
  let average = [...(trajectory[0] as number[])];
  out.push(average);
  for (const source of trajectory.slice(1)) {
    average = average.map((value, index) => (1 - momentum) * value + momentum * (source[index] as number));
    out.push(average);
  }
  return out;
}

describe('ExponentialMovingAverage', () => {
  it('follows averaged = (1 - momentum) * averaged + momentum * source over several steps (momentum weighs the NEW value)', () => {
    const source = new Linear(3, 1, { bias: false });
    const ema = new ExponentialMovingAverage({ model: source, momentum: 0.3 });
    const reference = expected(0.3);
    for (const [step, weights] of trajectory.entries()) {
      tidy(() => source.loadStateDict(new Map([['weight', tensor([weights])]])));
      ema.updateParameters(source);
      const got = Array.from(ema.moduleStateDict().get('weight')?.dataSync() ?? []);
      got.forEach((value, index) => expect(value).toBeCloseTo(reference[step]?.[index] as number, 6));
    }
    // step 1 by hand: 0.7 · 0.5 + 0.3 · 1.5 = 0.8
    expect(reference[1]?.[0]).toBeCloseTo(0.8, 12);
    expect(ema.steps).toBe(5);
  });

  it('uses MMEngine defaults and checks momentum', () => {
    const source = new Linear(1, 1);
    expect(new ExponentialMovingAverage({ model: source }).momentum).toBe(0.0002);
    expect(new ExponentialMovingAverage({ model: source }).interval).toBe(1);
    expect(new ExponentialMovingAverage({ model: source }).updateBuffers).toBe(false);
    expect(() => new ExponentialMovingAverage({ model: source, momentum: 1 })).toThrow(/momentum must be in \(0, 1\), got 1/);
    expect(() => new ExponentialMovingAverage({ model: source, momentum: 0 })).toThrow(/momentum must be in \(0, 1\), got 0/);
  });
});
