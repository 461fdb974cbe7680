import { formatShape, sizeOf, stridesOf } from '../../core/shape';
import type { CpuKernel } from '../cpu-tensor';
import { forEachBroadcastRow } from './broadcast-loop';

/** `out[i...] = in[offset + Σ i_k · strides_k]`. */
export const stridedCopyKernel: CpuKernel<{ offset: number; strides: number[] }> = ([input], [output], { offset, strides }) => {
  const x = input!.data;
  const y = output!.data;
  forEachBroadcastRow(output!.shape, [strides], (start, offsets, inner, length) => {
    let source = offset + (offsets[0] as number);
    const step = inner[0] as number;
    if (step === 1) {
      y.set(x.subarray(source, source + length), start);
      return;
    }
    for (let index = 0; index < length; index++) {
      y[start + index] = x[source] as number;
      source += step;
    }
  });
};

/** A copy of the base with the source added at `offset + Σ i_k · strides_k`. */
export const stridedScatterAddKernel: CpuKernel<{ offset: number; strides: number[] }> = ([base, source], [output], { offset, strides }) => {
  const y = output!.data;
  y.set(base!.data);
  const s = source!.data;
  forEachBroadcastRow(source!.shape, [strides], (start, offsets, inner, length) => {
    let target = offset + (offsets[0] as number);
    const step = inner[0] as number;
    for (let index = 0; index < length; index++) {
      y[target] = (y[target] as number) + (s[start + index] as number);
      target += step;
    }
  });
};

/** Maps an output coordinate of a padded axis to the input coordinate it copies (or -1). */
function sourceIndex(position: number, size: number, mode: 'constant' | 'reflect' | 'replicate'): number {
  if (position >= 0 && position < size) return position;
  if (mode === 'constant') return -1;
  if (mode === 'replicate') return position < 0 ? 0 : size - 1;
  const period = 2 * (size - 1);
  if (period === 0) return 0;
  let folded = Math.abs(position) % period;
  if (folded >= size) folded = period - folded;
  return folded;
}

/** Constant, reflect or replicate padding of every axis. */
export const padKernel: CpuKernel<{ before: number[]; after: number[]; mode: 'constant' | 'reflect' | 'replicate'; value: number }> = (
  [input],
  [output],
  { before, mode, value },
) => {
  const x = input!.data;
  const y = output!.data;
  const inShape = input!.shape;
  const outShape = output!.shape;
  const inStrides = stridesOf(inShape);
  const rank = outShape.length;
  const maps = outShape.map((size, axis) =>
    Int32Array.from({ length: size }, (_, position) => sourceIndex(position - (before[axis] as number), inShape[axis] as number, mode)),
  );
  const counters = new Array<number>(rank).fill(0);
  for (let index = 0; index < y.length; index++) {
    let offset = 0;
    let inside = true;
    for (let axis = 0; axis < rank; axis++) {
      const source = (maps[axis] as Int32Array)[counters[axis] as number] as number;
      if (source < 0) {
        inside = false;
        break;
      }
      offset += source * (inStrides[axis] as number);
    }
    y[index] = inside ? (x[offset] as number) : value;
    for (let axis = rank - 1; axis >= 0; axis--) {
      counters[axis] = (counters[axis] as number) + 1;
      if ((counters[axis] as number) < (outShape[axis] as number)) break;
      counters[axis] = 0;
    }
  }
};

/** Sums a padded gradient back onto the input positions each padded element copied. */
export const padBackwardKernel: CpuKernel<{ before: number[]; mode: 'constant' | 'reflect' | 'replicate' }> = ([grad], [output], { before, mode }) => {
  const g = grad!.data;
  const y = output!.data;
  y.fill(0);
  const inShape = output!.shape;
  const outShape = grad!.shape;
  const inStrides = stridesOf(inShape);
  const rank = outShape.length;
  const maps = outShape.map((size, axis) =>
    Int32Array.from({ length: size }, (_, position) => sourceIndex(position - (before[axis] as number), inShape[axis] as number, mode)),
  );
  const counters = new Array<number>(rank).fill(0);
  for (let index = 0; index < g.length; index++) {
    let offset = 0;
    let inside = true;
    for (let axis = 0; axis < rank; axis++) {
      const source = (maps[axis] as Int32Array)[counters[axis] as number] as number;
      if (source < 0) {
        inside = false;
        break;
      }
      offset += source * (inStrides[axis] as number);
    }
    if (inside) y[offset] = (y[offset] as number) + (g[index] as number);
    for (let axis = rank - 1; axis >= 0; axis--) {
      counters[axis] = (counters[axis] as number) + 1;
      if ((counters[axis] as number) < (outShape[axis] as number)) break;
      counters[axis] = 0;
    }
  }
};

/** Concatenation along an axis. */
export const concatKernel: CpuKernel<{ axis: number }> = (inputs, [output], { axis }) => {
  const y = output!.data;
  const outer = sizeOf(output!.shape.slice(0, axis));
  const rowLength = sizeOf(output!.shape.slice(axis));
  let column = 0;
  for (const input of inputs) {
    const chunk = sizeOf(input.shape.slice(axis));
    for (let o = 0; o < outer; o++) y.set(input.data.subarray(o * chunk, (o + 1) * chunk), o * rowLength + column);
    column += chunk;
  }
};

function checkedIndex(value: number, size: number, op: string, shape: readonly number[]): number {
  const index = value < 0 ? value + size : value;
  if (index < 0 || index >= size) throw new RangeError(`${op}: index ${value} is out of range for an axis of size ${size} (shape ${formatShape(shape)})`);
  return index;
}

/** `out[p] = in[p with axis coordinate replaced by index[p]]`. */
export const gatherKernel: CpuKernel<{ axis: number }> = ([input, index], [output], { axis }) => {
  const x = input!.data;
  const ids = index!.data;
  const y = output!.data;
  const shape = index!.shape;
  const inStrides = stridesOf(input!.shape);
  const size = input!.shape[axis] as number;
  const counters = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < y.length; flat++) {
    let offset = 0;
    for (let at = 0; at < shape.length; at++) {
      const coordinate = at === axis ? checkedIndex(ids[flat] as number, size, 'gather', input!.shape) : (counters[at] as number);
      offset += coordinate * (inStrides[at] as number);
    }
    y[flat] = x[offset] as number;
    for (let at = shape.length - 1; at >= 0; at--) {
      counters[at] = (counters[at] as number) + 1;
      if ((counters[at] as number) < (shape[at] as number)) break;
      counters[at] = 0;
    }
  }
};

/** A copy of the base with `source[p]` added at the base position chosen by `index[p]`. */
export const scatterAddKernel: CpuKernel<{ axis: number }> = ([base, index, source], [output], { axis }) => {
  const y = output!.data;
  y.set(base!.data);
  const ids = index!.data;
  const s = source!.data;
  const shape = index!.shape;
  const sourceStrides = stridesOf(source!.shape);
  const outStrides = stridesOf(output!.shape);
  const size = output!.shape[axis] as number;
  const counters = new Array<number>(shape.length).fill(0);
  for (let flat = 0; flat < ids.length; flat++) {
    let target = 0;
    let from = 0;
    for (let at = 0; at < shape.length; at++) {
      const coordinate = counters[at] as number;
      from += coordinate * (sourceStrides[at] as number);
      target += (at === axis ? checkedIndex(ids[flat] as number, size, 'scatterAdd', output!.shape) : coordinate) * (outStrides[at] as number);
    }
    y[target] = (y[target] as number) + (s[from] as number);
    for (let at = shape.length - 1; at >= 0; at--) {
      counters[at] = (counters[at] as number) + 1;
      if ((counters[at] as number) < (shape[at] as number)) break;
      counters[at] = 0;
    }
  }
};

/** The k largest (or smallest) values of each last-axis row, sorted, with their indices. */
export const topkKernel: CpuKernel<{ k: number; largest: boolean }> = ([input], [values, indices], { k, largest }) => {
  const x = input!.data;
  const v = values!.data;
  const ids = indices!.data;
  const length = input!.shape[input!.shape.length - 1] ?? 1;
  const rows = length === 0 ? 0 : x.length / length;
  const order = new Array<number>(length);
  for (let row = 0; row < rows; row++) {
    const base = row * length;
    for (let index = 0; index < length; index++) order[index] = index;
    order.sort((p, q) => {
      const a = x[base + p] as number;
      const b = x[base + q] as number;
      if (a !== a) return b !== b ? p - q : -1;
      if (b !== b) return 1;
      return (largest ? b - a : a - b) || p - q;
    });
    for (let index = 0; index < k; index++) {
      v[row * k + index] = x[base + (order[index] as number)] as number;
      ids[row * k + index] = order[index] as number;
    }
  }
};
