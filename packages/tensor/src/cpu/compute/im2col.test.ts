import { afterAll, describe, expect, it } from 'vitest';
import { createCpuCompute } from './cpu-compute';
import type { CpuCompute } from './cpu-compute';
import { convolutionOutputSize } from './im2col-params';
import type { Im2colParams } from './im2col-params';
import { col2imReference, im2colReference } from './im2col-reference';

type Geometry = Omit<Im2colParams, 'input' | 'col'>;

function lengths(geometry: Geometry): { input: number; col: number } {
  const batch = geometry.batch ?? 1;
  const outH = convolutionOutputSize(
    geometry.height,
    geometry.kernelH,
    geometry.padH ?? 0,
    geometry.strideH ?? 1,
    geometry.dilationH ?? 1,
  );
  const outW = convolutionOutputSize(
    geometry.width,
    geometry.kernelW,
    geometry.padW ?? 0,
    geometry.strideW ?? 1,
    geometry.dilationW ?? 1,
  );
  return {
    input: batch * geometry.channels * geometry.height * geometry.width,
    col: batch * geometry.channels * geometry.kernelH * geometry.kernelW * outH * outW,
  };
}

function values(length: number, seed: number): Float32Array {
  // Small integers keep sums exact, so col2im can be compared exactly.
  return Float32Array.from({ length }, (_, index) => ((index * 7 + seed * 13) % 17) - 8);
}

/** Exact comparison that reports the first differing index (fast on large arrays). */
function expectSame(actual: Float32Array, expected: Float32Array, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  let first = -1;
  for (let index = 0; index < expected.length; index++) {
    if (!Object.is(actual[index], expected[index])) {
      first = index;
      break;
    }
  }
  expect(first < 0 ? 'equal' : `${what} differs at ${first}: ${actual[first]} != ${expected[first]}`).toBe('equal');
}

function checkIm2col(compute: CpuCompute, geometry: Geometry): void {
  const size = lengths(geometry);
  const heap = compute.heap;
  const input = heap.allocate(4 * size.input);
  const col = heap.allocate(4 * size.col);
  const inputValues = values(size.input, 1);
  heap.float32(input, size.input).set(inputValues);
  heap.float32(col, size.col).fill(NaN);
  compute.im2col({ ...geometry, input, col });
  const expected = new Float32Array(size.col);
  im2colReference(inputValues, expected, geometry);
  expectSame(heap.float32(col, size.col), expected, 'im2col');

  // col2im adds into the existing image.
  const colValues = values(size.col, 2);
  heap.float32(col, size.col).set(colValues);
  compute.col2im({ ...geometry, input, col });
  const expectedImage = inputValues.slice();
  col2imReference(expectedImage, colValues, geometry);
  expectSame(heap.float32(input, size.input), expectedImage, 'col2im');
  heap.free(input);
  heap.free(col);
}

const geometries: Geometry[] = [
  { channels: 1, height: 5, width: 5, kernelH: 3, kernelW: 3 },
  { channels: 3, height: 8, width: 7, kernelH: 3, kernelW: 3, padH: 1, padW: 1 },
  { batch: 2, channels: 3, height: 9, width: 10, kernelH: 3, kernelW: 2, strideH: 2, strideW: 2, padH: 1 },
  { channels: 2, height: 11, width: 9, kernelH: 3, kernelW: 3, dilationH: 2, dilationW: 3, padH: 2, padW: 3 },
  { batch: 3, channels: 4, height: 6, width: 6, kernelH: 1, kernelW: 1 },
  { channels: 2, height: 4, width: 4, kernelH: 5, kernelW: 5, padH: 3, padW: 3, label: 'padding wider than the image' } as Geometry,
  { channels: 1, height: 3, width: 3, kernelH: 5, kernelW: 5, label: 'kernel larger than the image' } as Geometry,
  { batch: 4, channels: 16, height: 16, width: 16, kernelH: 3, kernelW: 3, padH: 1, padW: 1, label: 'split by images' } as Geometry,
  { batch: 1, channels: 16, height: 20, width: 20, kernelH: 3, kernelW: 3, padH: 1, padW: 1, strideW: 2, label: 'split by channels' } as Geometry,
];

describe.each([1, 2])('CpuCompute.im2col / col2im (%i threads)', (threads) => {
  const compute = createCpuCompute({ threads, initialBytes: 4 * 1024 * 1024 });
  afterAll(() => compute.dispose());

  it.each(geometries)('%o', (geometry) => {
    const { label: _label, ...clean } = geometry as Geometry & { label?: string };
    checkIm2col(compute, clean);
  });

  it('validates its parameters', () => {
    expect(() =>
      compute.im2col({ input: 64, col: 64, channels: 1, height: 4, width: 4, kernelH: 0, kernelW: 1 }),
    ).toThrow('im2col: kernelH must be an integer >= 1, got 0');
    expect(() =>
      compute.col2im({ input: 66, col: 64, channels: 1, height: 4, width: 4, kernelH: 1, kernelW: 1 }),
    ).toThrow('col2im: input must be a non-negative byte offset that is a multiple of 4, got 66');
    const capacity = compute.heap.stats().capacityBytes;
    expect(() =>
      compute.im2col({ input: 64, col: capacity - 32, channels: 1, height: 4, width: 4, kernelH: 1, kernelW: 1 }),
    ).toThrow(
      `im2col: col (byte offset ${capacity - 32}, 64 bytes) reaches past the end of the heap (${capacity} bytes)`,
    );
  });
});

describe('convolutionOutputSize', () => {
  it('follows the PyTorch formula', () => {
    expect(convolutionOutputSize(32, 3, 1, 1, 1)).toBe(32);
    expect(convolutionOutputSize(32, 3, 1, 2, 1)).toBe(16);
    expect(convolutionOutputSize(7, 3, 0, 1, 2)).toBe(3);
    expect(convolutionOutputSize(3, 5, 0, 1, 1)).toBe(0);
  });
});
