import type { TypedArray } from '../../core/dtype';
import type { ReduceAttributes, ReduceKernel } from '../../core/kernel-contracts';
import type { CpuKernel } from '../cpu-tensor';

/**
 * Reduces one `[reduce, inner]` block starting at `base` into `y[target .. target + inner)`,
 * walking the input row by row (contiguous reads) and accumulating in float64 (`accumulator`
 * holds `inner` partial results).
 */
type BlockReduce = (x: TypedArray, base: number, reduce: number, inner: number, y: TypedArray, target: number, accumulator: Float64Array) => void;

const sumBlock: BlockReduce = (x, base, reduce, inner, y, target, accumulator) => {
  if (inner === 1) {
    let total = 0;
    for (let r = 0; r < reduce; r++) total += x[base + r] as number;
    y[target] = total;
    return;
  }
  accumulator.fill(0, 0, inner);
  for (let r = 0; r < reduce; r++) {
    const row = base + r * inner;
    for (let i = 0; i < inner; i++) accumulator[i] = (accumulator[i] as number) + (x[row + i] as number);
  }
  for (let i = 0; i < inner; i++) y[target + i] = accumulator[i] as number;
};

const prodBlock: BlockReduce = (x, base, reduce, inner, y, target, accumulator) => {
  accumulator.fill(1, 0, inner);
  for (let r = 0; r < reduce; r++) {
    const row = base + r * inner;
    for (let i = 0; i < inner; i++) accumulator[i] = (accumulator[i] as number) * (x[row + i] as number);
  }
  for (let i = 0; i < inner; i++) y[target + i] = accumulator[i] as number;
};

// max and min propagate NaN: once a partial result is NaN it stays NaN.
const maxBlock: BlockReduce = (x, base, reduce, inner, y, target, accumulator) => {
  accumulator.fill(Number.NEGATIVE_INFINITY, 0, inner);
  for (let r = 0; r < reduce; r++) {
    const row = base + r * inner;
    for (let i = 0; i < inner; i++) {
      const value = x[row + i] as number;
      const best = accumulator[i] as number;
      if (value > best || value !== value) accumulator[i] = best !== best ? best : value;
    }
  }
  for (let i = 0; i < inner; i++) y[target + i] = accumulator[i] as number;
};

const minBlock: BlockReduce = (x, base, reduce, inner, y, target, accumulator) => {
  accumulator.fill(Number.POSITIVE_INFINITY, 0, inner);
  for (let r = 0; r < reduce; r++) {
    const row = base + r * inner;
    for (let i = 0; i < inner; i++) {
      const value = x[row + i] as number;
      const best = accumulator[i] as number;
      if (value < best || value !== value) accumulator[i] = best !== best ? best : value;
    }
  }
  for (let i = 0; i < inner; i++) y[target + i] = accumulator[i] as number;
};

const BLOCKS: Record<'sum' | 'prod' | 'max' | 'min', BlockReduce> = { sum: sumBlock, prod: prodBlock, max: maxBlock, min: minBlock };

/** A reduction over the middle axis of `[outer, reduce, inner]` (NaN propagates through max/min). */
export function reduceKernel(name: ReduceKernel): CpuKernel<ReduceAttributes> {
  if (name === 'argmax' || name === 'argmin') return argKernel(name === 'argmax');
  const block = BLOCKS[name];
  return ([input], [output], { outer, reduce, inner }) => {
    const x = input!.data;
    const y = output!.data;
    const accumulator = new Float64Array(inner);
    for (let o = 0; o < outer; o++) block(x, o * reduce * inner, reduce, inner, y, o * inner, accumulator);
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
