import { readFileSync } from 'node:fs';
import { type Tensor, createCpuBackend, keep, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clipGradNorm, clipGradValue } from './clip-grad';

interface ClipCase {
  type: 'norm' | 'value';
  max_norm?: number;
  norm_type?: number | 'inf';
  clip_value?: number;
  total_norm?: number;
  clipped: number[][];
}
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/clip-grad.json', import.meta.url), 'utf8')) as {
  shapes: number[][];
  gradients: number[][];
  cases: ClipCase[];
};

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function paramsWithGrads(): Tensor[] {
  return fixture.shapes.map((shape, index) => {
    const param = tensor(new Float32Array(shape.reduce((a, b) => a * b, 1)), { shape, requiresGrad: true });
    param.grad = keep(tensor(fixture.gradients[index] as number[], { shape }));
    return param;
  });
}

function close(actual: ArrayLike<number>, expected: readonly number[], label: string): void {
  expect(actual.length).toBe(expected.length);
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index] as number;
    if (!(Math.abs((actual[index] as number) - want) <= 1e-6 + 1e-6 * Math.abs(want))) expect.fail(`${label}[${index}]: got ${actual[index]}, PyTorch ${want}`);
  }
}

function release(params: Tensor[]): void {
  for (const param of params) {
    param.grad?.dispose();
    param.dispose();
  }
}

describe('clipGradNorm and clipGradValue against torch.nn.utils', () => {
  for (const testCase of fixture.cases) {
    const label = testCase.type === 'norm' ? `clip_grad_norm_(max_norm=${testCase.max_norm}, norm_type=${testCase.norm_type})` : `clip_grad_value_(${testCase.clip_value})`;
    it(label, () => {
      const params = paramsWithGrads();
      if (testCase.type === 'norm') {
        const total = clipGradNorm(params, testCase.max_norm as number, testCase.norm_type);
        close([total.item()], [testCase.total_norm as number], 'total norm');
        total.dispose();
      } else {
        clipGradValue(params, testCase.clip_value as number);
      }
      params.forEach((param, index) => close((param.grad as Tensor).dataSync(), testCase.clipped[index] as number[], `${label} grad ${index}`));
      release(params);
    });
  }

  it('returns 0 when no parameter has a gradient, and rejects a bad norm type', () => {
    const param = tensor([1, 2], { requiresGrad: true });
    const total = clipGradNorm([param], 1);
    expect(total.item()).toBe(0);
    total.dispose();
    expect(() => clipGradNorm([param], 1, -2)).toThrow("clipGradNorm: norm_type must be a positive number or 'inf', got -2");
    param.dispose();
  });

  it('raises on a non-finite total norm with error_if_nonfinite', () => {
    const param = tensor([1, 2], { requiresGrad: true });
    param.grad = keep(tensor([Number.POSITIVE_INFINITY, 1]));
    expect(() => clipGradNorm([param], 1, 2, true)).toThrow(
      'clipGradNorm: the total norm of order 2 of the gradients is non-finite (Infinity), so it cannot be clipped; set error_if_nonfinite to false to scale the gradients by it anyway',
    );
    release([param]);
  });
});
