import { describe, expect } from 'vitest';
import type { Backend } from '../../core/backend';
import type { Tensor } from '../../core/tensor';
import { Generator, manualSeed } from '../../random/generator';
import { bernoulli, rand, randint, randn, randperm, truncatedNormal } from '../../random/random-tensors';
import type { ConformanceContext } from '../conformance-context';
import { type HostTensor, compute, readTensor } from '../host-tensor';

/** One draw of every random op from a generator seeded with `seed`. */
function drawAll(seed: number, backend?: Backend): Tensor[] {
  const generator = new Generator(seed);
  const options = backend ? { generator, backend } : { generator };
  return [
    rand([3, 4], options),
    randn([5], { ...options, mean: 1, std: 2 }),
    truncatedNormal([6], options),
    bernoulli([8], 0.5, options),
    randint(-3, 7, [2, 5], options),
    randperm(9, options),
  ];
}

function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / values.length;
}

/** Seeded random tensors: reproducible, the same on every backend instance, in range. */
export function registerRandomTests(context: ConformanceContext): void {
  describe('random', () => {
    context.test('every random op is reproducible from a seed, and another seed differs', 'random', async () => {
      const first = await compute(() => drawAll(11));
      const again = await compute(() => drawAll(11));
      const other = await compute(() => drawAll(12));
      expect(again).toEqual(first);
      for (const [index, values] of first.entries()) expect(other[index]?.values).not.toEqual(values.values);
    });

    context.test('random tensors are identical on two backend instances', 'random', async () => {
      const second = await context.options.createBackend();
      try {
        const here = await compute(() => drawAll(5));
        const tensors = drawAll(5, second);
        let there: HostTensor[];
        try {
          there = await Promise.all(tensors.map((item) => readTensor(item)));
        } finally {
          for (const item of tensors) item.dispose();
        }
        expect(there).toEqual(here);
      } finally {
        second.dispose();
      }
    });

    context.test('manualSeed makes the default generator reproducible', 'random', async () => {
      manualSeed(1234);
      const first = await compute(() => [rand([4]), randn([3]), randint(0, 100, [3])]);
      manualSeed(1234);
      const second = await compute(() => [rand([4]), randn([3]), randint(0, 100, [3])]);
      expect(second).toEqual(first);
    });

    context.test('values lie in their ranges with the expected moments', 'random', async () => {
      const generator = new Generator(99);
      const [uniform, normal, truncated, coin, integers, permutation] = await compute(() => [
        rand([2000], { generator, low: -2, high: 3 }),
        randn([2000], { generator }),
        truncatedNormal([500], { generator, a: -1, b: 1.5 }),
        bernoulli([2000], 0.3, { generator }),
        randint(-3, 4, [500], { generator }),
        randperm(10, { generator }),
      ]);
      const values = (item: HostTensor | undefined): readonly number[] => item?.values ?? [];
      expect(uniform?.dtype).toBe('float32');
      expect(values(uniform).every((value) => value >= -2 && value < 3)).toBe(true);
      expect(Math.abs(mean(values(uniform)) - 0.5)).toBeLessThan(0.15);
      const normalMean = mean(values(normal));
      const normalStd = Math.sqrt(mean(values(normal).map((value) => (value - normalMean) ** 2)));
      expect(Math.abs(normalMean)).toBeLessThan(0.1);
      expect(Math.abs(normalStd - 1)).toBeLessThan(0.1);
      expect(values(truncated).every((value) => value >= -1 && value <= 1.5)).toBe(true);
      expect(values(coin).every((value) => value === 0 || value === 1)).toBe(true);
      expect(Math.abs(mean(values(coin)) - 0.3)).toBeLessThan(0.05);
      expect(integers?.dtype).toBe('int32');
      expect(values(integers).every((value) => Number.isInteger(value) && value >= -3 && value < 4)).toBe(true);
      expect(new Set(values(integers)).size).toBe(7);
      expect(permutation?.dtype).toBe('int32');
      expect([...values(permutation)].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });
  });
}
