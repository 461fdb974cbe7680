import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { add, cast, clamp, equal, full, isNan, logicalAnd, mul, notEqual, pow, setDefaultBackend, tensor, where, exp, erf, tanh, sigmoid, maximum, neg, abs, memory, tidy } from '@mmpt/tensor';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const backend = await gpuTestBackend();

describe.skipIf(!backend)(gpuSuiteTitle('elementwise kernels', backend), () => {
  beforeAll(() => setDefaultBackend(backend));
  afterAll(() => {
    setDefaultBackend(undefined);
    backend?.dispose();
  });

  it('adds with broadcasting over strided inputs', async () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([[10], [20]]);
    const c = tensor([100, 200, 300]);
    expect(Array.from(await add(a, b).data())).toEqual([11, 12, 13, 24, 25, 26]);
    expect(Array.from(await add(a, c).data())).toEqual([101, 202, 303, 104, 205, 306]);
    expect(Array.from(await mul(a, 2).data())).toEqual([2, 4, 6, 8, 10, 12]);
  });

  it('computes unary functions', async () => {
    const x = tensor([-2, -0.5, 0, 0.5, 2]);
    const expected = [-2, -0.5, 0, 0.5, 2];
    const close = (values: ArrayLike<number>, fn: (v: number) => number) => Array.from(values).forEach((value, at) => expect(value).toBeCloseTo(fn(expected[at]!), 5));
    close(await exp(x).data(), Math.exp);
    close(await tanh(x).data(), Math.tanh);
    close(await sigmoid(x).data(), (v) => 1 / (1 + Math.exp(-v)));
    close(await erf(x).data(), (v) => [-0.9953222650189527, -0.5204998778130465, 0, 0.5204998778130465, 0.9953222650189527][expected.indexOf(v)]!);
    expect(Array.from(await neg(x).data())).toEqual([2, 0.5, -0, -0.5, -2]);
    expect(Array.from(await abs(tensor([-3, 4], { dtype: 'int32' })).data())).toEqual([3, 4]);
  });

  it('handles NaN, comparisons, logical ops, where, cast and clamp', async () => {
    const x = tensor([Number.NaN, 1, -2, 3.7]);
    expect(Array.from(await isNan(x).data())).toEqual([1, 0, 0, 0]);
    expect(Array.from(await equal(x, x).data())).toEqual([0, 1, 1, 1]);
    expect(Array.from(await notEqual(x, x).data())).toEqual([1, 0, 0, 0]);
    expect(Array.from(await maximum(x, tensor(0)).data())).toEqual([Number.NaN, 1, 0, 3.7].map(Math.fround));
    expect(Array.from(await cast(x, 'int32').data())).toEqual([0, 1, -2, 3]);
    expect(Array.from(await cast(x, 'bool').data())).toEqual([1, 1, 1, 1]);
    expect(Array.from(await clamp(x, -1, 2).data())).toEqual([Number.NaN, 1, -1, 2]);
    const mask = tensor([true, false, true, false]);
    expect(Array.from(await logicalAnd(mask, tensor([true, true, false, false])).data())).toEqual([1, 0, 0, 0]);
    expect(Array.from(await where(mask, x, tensor(9)).data())).toEqual([Number.NaN, 9, -2, 9]);
    expect(Array.from(await pow(tensor([-2, 3], { dtype: 'int32' }), 3).data())).toEqual([-8, 27]);
    expect(Array.from(await pow(tensor([-2, 4]), tensor([2, 0.5])).data())).toEqual([4, 2]);
    expect(Array.from(await full([3], 7, { dtype: 'int32' }).data())).toEqual([7, 7, 7]);
  });

  it('frees every buffer it allocates', async () => {
    const before = memory().bytes;
    const y = tidy(() => add(mul(tensor([1, 2, 3]), 2), 1));
    expect(Array.from(await y.data())).toEqual([3, 5, 7]);
    y.dispose();
    expect(memory().bytes).toBe(before);
  });
});
