import { type CpuBackend, Linear, createCpuBackend, setDefaultBackend, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MomentumAnnealingEMA } from './momentum-annealing-ema';

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('MomentumAnnealingEMA', () => {
  it('anneals the momentum as max(momentum, gamma / (gamma + steps))', () => {
    const ema = new MomentumAnnealingEMA({ model: new Linear(1, 1), momentum: 0.3, gamma: 2 });
    expect(ema.momentumAt(1)).toBeCloseTo(2 / 3, 12);
    expect(ema.momentumAt(2)).toBeCloseTo(0.5, 12);
    expect(ema.momentumAt(4)).toBeCloseTo(1 / 3, 12);
    expect(ema.momentumAt(5)).toBeCloseTo(0.3, 12); // 2/7 < 0.3
    expect(new MomentumAnnealingEMA({ model: new Linear(1, 1) }).gamma).toBe(100);
    expect(() => new MomentumAnnealingEMA({ model: new Linear(1, 1), gamma: 0 })).toThrow(/gamma must be greater than 0, got 0/);
  });

  it('updates with the annealed momentum over several steps', () => {
    const source = new Linear(1, 1, { bias: false });
    const ema = new MomentumAnnealingEMA({ model: source, momentum: 0.3, gamma: 2 });
    const inputs = [1, 4, -2, 10, 6, 0];
    let average = 0;
    const seen: number[] = [];
    for (const [step, value] of inputs.entries()) {
      tidy(() => source.loadStateDict(new Map([['weight', tensor([[value]])]])));
      ema.updateParameters(source);
      const momentum = Math.max(0.3, 2 / (2 + step));
      average = step === 0 ? value : (1 - momentum) * average + momentum * value;
      seen.push(ema.moduleStateDict().get('weight')?.item() as number);
      expect(seen[step]).toBeCloseTo(average, 5);
    }
    // by hand: copy 1; m = 2/3: (1/3)·1 + (2/3)·4 = 3; m = 1/2: 0.5·3 + 0.5·(-2) = 0.5
    [1, 3, 0.5].forEach((value, index) => expect(seen[index]).toBeCloseTo(value, 6));
  });
});
