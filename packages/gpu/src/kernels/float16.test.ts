import { add, cast, concat, conv2d, createCpuBackend, exp, gather, matmul, maxPool2d, pad, setDefaultBackend, slice, sum, tensor, topk } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectClose, randomValues } from '../test-support/compare-with-cpu';
import { gpuSuiteTitle, gpuTestBackend } from '../test-support/gpu-test-backend';

const gpu = await gpuTestBackend();
const f16 = gpu?.adapter.shaderF16 === true;

describe.skipIf(!gpu || !f16)(gpuSuiteTitle(f16 || !gpu ? 'float16 tensors' : 'float16 tensors (skipped: the adapter lacks shader-f16)', gpu), () => {
  const cpu = createCpuBackend({ threads: 1 });
  beforeAll(() => setDefaultBackend(gpu));
  afterAll(() => {
    setDefaultBackend(undefined);
    gpu?.dispose();
    cpu.dispose();
  });

  it('stores float16 with rounding and reads it back as float32', async () => {
    const x = tensor([1, 0.1, 65504, 70000, -2.5, 1e-8], { dtype: 'float16' });
    expect(x.dtype).toBe('float16');
    expect(Array.from(await x.data())).toEqual([1, 0.0999755859375, 65504, Number.POSITIVE_INFINITY, -2.5, 0]);
    x.dispose();
  });

  it('computes elementwise ops, reductions and casts in float16 storage', async () => {
    const values = randomValues(37, 3);
    const x = tensor(values, { dtype: 'float16' });
    const y = add(exp(x), 1);
    const total = sum(y);
    const back = cast(y, 'float32');
    const expected = values.map((value) => Math.exp(value) + 1);
    expectClose(await y.data(), expected, { rtol: 2e-3, atol: 2e-3 }, 'exp(x) + 1 in float16');
    expect(back.dtype).toBe('float32');
    expectClose(await total.data(), [expected.reduce((a, b) => a + b, 0)], { rtol: 5e-3, atol: 0 }, 'sum in float16');
    for (const item of [x, y, total, back]) item.dispose();
  });

  it('multiplies float16 matrices with float32 accumulation', async () => {
    const a = tensor(randomValues(6 * 20, 5), { dtype: 'float16', shape: [6, 20] });
    const b = tensor(randomValues(20 * 7, 6), { dtype: 'float16', shape: [20, 7] });
    const product = matmul(a, b);
    const [a32, b32] = [cast(a, 'float32'), cast(b, 'float32')];
    const reference = tensor(await matmul(a32, b32).data(), { backend: cpu, shape: [6, 7] });
    expect(product.dtype).toBe('float16');
    expectClose(await product.data(), await reference.data(), { rtol: 2e-3, atol: 4e-3 }, 'float16 matmul');
    for (const item of [a, b, product, a32, b32, reference]) item.dispose();
  });

  it('moves float16 elements: transpose, slice, concat, pad, gather and topk', async () => {
    const values = randomValues(12, 4).map((value) => Math.round(value * 64) / 64);
    const x = tensor(values, { dtype: 'float16', shape: [3, 4] });
    const index = tensor(new Int32Array([2, 0, 1]), { shape: [3, 1] });
    const top = topk(x, 2);
    const results = [
      x.transpose(0, 1),
      slice(x, [{ start: 1 }, { step: 2 }]),
      concat([x, x], 1),
      pad(x, [1, 0, 0, 1], 'constant', 0.5),
      gather(x, 1, index),
      top.values,
    ];
    const reference = tensor(values, { backend: cpu, shape: [3, 4] });
    const cpuIndex = tensor(new Int32Array([2, 0, 1]), { shape: [3, 1], backend: cpu });
    const referenceTop = topk(reference, 2);
    const expected = [
      reference.transpose(0, 1),
      slice(reference, [{ start: 1 }, { step: 2 }]),
      concat([reference, reference], 1),
      pad(reference, [1, 0, 0, 1], 'constant', 0.5),
      gather(reference, 1, cpuIndex),
      referenceTop.values,
    ];
    for (const [at, result] of results.entries()) {
      expect(result.dtype).toBe('float16');
      expect(Array.from(await result.data()), `case ${at}`).toEqual(Array.from(await expected[at]!.data()));
    }
    for (const item of [x, index, reference, cpuIndex, top.indices, referenceTop.indices, ...results, ...expected]) item.dispose();
  });

  it('convolves and pools float16 storage', async () => {
    const input = randomValues(2 * 5 * 5, 9);
    const filter = randomValues(3 * 2 * 3 * 3, 10);
    const x = tensor(input, { dtype: 'float16', shape: [1, 2, 5, 5] });
    const w = tensor(filter, { dtype: 'float16', shape: [3, 2, 3, 3] });
    const y = maxPool2d(conv2d(x, w, null, { padding: 1 }), 2);
    expect(y.dtype).toBe('float16');
    const [x32, w32] = [await x.data(), await w.data()].map((values, at) => tensor(values, { backend: cpu, shape: at === 0 ? [1, 2, 5, 5] : [3, 2, 3, 3] }));
    const reference = maxPool2d(conv2d(x32!, w32!, null, { padding: 1 }), 2);
    expectClose(await y.data(), await reference.data(), { rtol: 4e-3, atol: 4e-3 }, 'float16 convolution and pooling');
    for (const item of [x, w, y, x32!, w32!, reference]) item.dispose();
  });
});
