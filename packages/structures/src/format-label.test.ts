import { afterAll, describe, expect, it } from 'vitest';
import { createCpuBackend, setDefaultBackend, tensor } from '@mmpt/tensor';
import { formatLabel, formatScore } from './format-label';

const backend = createCpuBackend();
setDefaultBackend(backend);
afterAll(() => backend.dispose());

describe('formatLabel', () => {
  it('accepts an int, a list, a typed array and a tensor', () => {
    expect(Array.from(formatLabel(3))).toEqual([3]);
    expect(Array.from(formatLabel([0, 1, 4]))).toEqual([0, 1, 4]);
    expect(Array.from(formatLabel(Int32Array.of(2, 5)))).toEqual([2, 5]);
    expect(Array.from(formatLabel(Float32Array.of(7)))).toEqual([7]);
    const t = tensor([1, 2], { dtype: 'int32' });
    expect(Array.from(formatLabel(t))).toEqual([1, 2]);
    const scalar = tensor(4, { dtype: 'int32' });
    expect(Array.from(formatLabel(scalar))).toEqual([4]);
    t.dispose();
    scalar.dispose();
  });

  it('rejects a string, nested lists, non-integers and 2-D tensors with clear errors', () => {
    expect(() => formatLabel('cat' as never)).toThrow(/got the string "cat"/);
    expect(() => formatLabel([[1, 2]] as never)).toThrow(/nested list/);
    expect(() => formatLabel(['a'] as never)).toThrow(/the string "a"/);
    expect(() => formatLabel(1.5)).toThrow(/integers, got 1.5/);
    const matrix = tensor([[1, 2]]);
    expect(() => formatLabel(matrix)).toThrow(/0-d or 1-D, got shape \[1, 2\]/);
    matrix.dispose();
    expect(() => formatLabel({} as never)).toThrow(/got an object/);
  });
});

describe('formatScore', () => {
  it('accepts lists, typed arrays and tensors and rejects numbers and strings', () => {
    expect(Array.from(formatScore([0.5, 0.25]))).toEqual([0.5, 0.25]);
    expect(formatScore(new Float32Array(3)).length).toBe(3);
    expect(() => formatScore(0.5 as never)).toThrow(/got the number 0.5/);
    expect(() => formatScore('x' as never)).toThrow(/string "x"/);
  });
});
