import type { ReduceAttributes, ReduceKernel } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';

type Accumulate = { initial: number; step: (accumulator: number, value: number) => number };

const FOLDS: Record<'sum' | 'prod' | 'max' | 'min', Accumulate> = {
  sum: { initial: 0, step: (total, value) => total + value },
  prod: { initial: 1, step: (total, value) => total * value },
  max: { initial: Number.NEGATIVE_INFINITY, step: (best, value) => (value > best || value !== value ? value : best) },
  min: { initial: Number.POSITIVE_INFINITY, step: (best, value) => (value < best || value !== value ? value : best) },
};

/** A reduction over the middle axis of `[outer, reduce, inner]` (NaN propagates through max/min). */
export function reduceKernel(name: ReduceKernel): CpuKernel<ReduceAttributes> {
  if (name === 'argmax' || name === 'argmin') return argKernel(name === 'argmax');
  const { initial, step } = FOLDS[name];
  const isSum = name === 'sum';
  return ([input], [output], { outer, reduce, inner }) => {
    const x = input!.data;
    const y = output!.data;
    for (let o = 0; o < outer; o++) {
      const base = o * reduce * inner;
      if (inner === 1 && isSum) {
        // Pairwise-friendly plain loop in float64 for accuracy.
        let total = 0;
        for (let r = 0; r < reduce; r++) total += x[base + r] as number;
        y[o] = total;
        continue;
      }
      for (let i = 0; i < inner; i++) {
        let accumulator = initial;
        for (let r = 0; r < reduce; r++) accumulator = step(accumulator, x[base + r * inner + i] as number);
        y[o * inner + i] = accumulator;
      }
    }
  };
}

function argKernel(largest: boolean): CpuKernel<ReduceAttributes> {
  return ([input], [output], { outer, reduce, inner }) => {
    const x = input!.data;
    const y = output!.data;
    for (let o = 0; o < outer; o++) {
      for (let i = 0; i < inner; i++) {
        const base = o * reduce * inner + i;
        let best = x[base] as number;
        let bestIndex = 0;
        for (let r = 1; r < reduce && best === best; r++) {
          const value = x[base + r * inner] as number;
          if (value !== value || (largest ? value > best : value < best)) {
            best = value;
            bestIndex = r;
          }
        }
        y[o * inner + i] = bestIndex;
      }
    }
  };
}

/** Inclusive cumulative sum along the middle axis. */
export const cumsumKernel: CpuKernel<ReduceAttributes & { reverse: boolean }> = ([input], [output], { outer, reduce, inner, reverse }) => {
  const x = input!.data;
  const y = output!.data;
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      const base = o * reduce * inner + i;
      let total = 0;
      for (let step = 0; step < reduce; step++) {
        const r = reverse ? reduce - 1 - step : step;
        total += x[base + r * inner] as number;
        y[base + r * inner] = total;
      }
    }
  }
};
