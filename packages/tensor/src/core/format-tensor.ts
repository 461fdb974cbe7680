import type { TypedArray } from './dtype';
import type { Shape } from './shape';

const SUMMARY_THRESHOLD = 1000;
const EDGE_ITEMS = 3;

/**
 * Formats tensor values as nested brackets, as PyTorch prints them: four significant digits for
 * floats, and `...` in place of the middle of long dimensions when the tensor is large.
 */
export function formatValues(values: TypedArray, shape: Shape, floating: boolean, bool: boolean): string {
  const summarize = values.length > SUMMARY_THRESHOLD;
  const format = (value: number): string => {
    if (bool) return value ? 'true' : 'false';
    if (!floating) return String(value);
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    if (Number.isInteger(value) && Math.abs(value) < 1e8) return `${value}.`;
    const abs = Math.abs(value);
    return abs !== 0 && (abs < 1e-4 || abs >= 1e8) ? value.toExponential(4) : String(Number(value.toPrecision(4)));
  };
  if (shape.length === 0) return format(values[0] ?? 0);
  const strides: number[] = [];
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis] as number;
  }
  const render = (axis: number, offset: number, indent: string): string => {
    const length = shape[axis] as number;
    const indices = summarize && length > 2 * EDGE_ITEMS
      ? [...Array.from({ length: EDGE_ITEMS }, (_, index) => index), -1, ...Array.from({ length: EDGE_ITEMS }, (_, index) => length - EDGE_ITEMS + index)]
      : Array.from({ length }, (_, index) => index);
    if (axis === shape.length - 1) {
      return `[${indices.map((index) => (index < 0 ? '...' : format(values[offset + index] ?? 0))).join(', ')}]`;
    }
    const separator = `,${'\n'.repeat(shape.length - 1 - axis)}${indent} `;
    const parts = indices.map((index) => (index < 0 ? '...' : render(axis + 1, offset + index * (strides[axis] as number), `${indent} `)));
    return `[${parts.join(separator)}]`;
  };
  return render(0, 0, '');
}
