import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultBackend } from '../../core/engine';
import type { Conv2dAttributes } from '../../core/kernel-contracts';
import { runKernel1 } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { randn } from '../../random/random-tensors';
import { createCpuBackend } from '../cpu-backend';
import { conv2dGeometry, imagesPerChunk } from './conv2d-geometry';
import { imagesPerWideChunk, usesWideColumns } from './conv2d-wide';

const backend = createCpuBackend({ threads: 2 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

interface Problem {
  input: [number, number, number, number];
  filter: [number, number, number, number];
  attributes: Conv2dAttributes;
}

function outputShape({ input, filter, attributes }: Problem): [number, number, number, number] {
  const length = (size: number, kernel: number, axis: 0 | 1) =>
    Math.floor((size + 2 * attributes.padding[axis] - attributes.dilation[axis] * (kernel - 1) - 1) / attributes.stride[axis]) + 1;
  return [input[0], filter[0], length(input[2], filter[2], 0), length(input[3], filter[3], 1)];
}

/**
 * Visits every multiply-add of a direct convolution in float64: (input index, filter index,
 * output index).
 */
function forEachTap(problem: Problem, visit: (inputIndex: number, filterIndex: number, outputIndex: number) => void): void {
  const [batch, channels, height, width] = problem.input;
  const [outChannels, groupChannels, kernelH, kernelW] = problem.filter;
  const [, , outH, outW] = outputShape(problem);
  const { stride, padding, dilation, groups } = problem.attributes;
  const groupOut = outChannels / groups;
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      const group = Math.floor(o / groupOut);
      for (let oy = 0; oy < outH; oy++) {
        for (let ox = 0; ox < outW; ox++) {
          const outputIndex = ((n * outChannels + o) * outH + oy) * outW + ox;
          for (let c = 0; c < groupChannels; c++) {
            for (let ky = 0; ky < kernelH; ky++) {
              const iy = oy * stride[0] - padding[0] + ky * dilation[0];
              if (iy < 0 || iy >= height) continue;
              for (let kx = 0; kx < kernelW; kx++) {
                const ix = ox * stride[1] - padding[1] + kx * dilation[1];
                if (ix < 0 || ix >= width) continue;
                const inputIndex = ((n * channels + group * groupChannels + c) * height + iy) * width + ix;
                visit(inputIndex, ((o * groupChannels + c) * kernelH + ky) * kernelW + kx, outputIndex);
              }
            }
          }
        }
      }
    }
  }
}

function expectClose(actual: Float32Array, expected: Float64Array, label: string, tolerance: number): void {
  expect(actual.length).toBe(expected.length);
  let worst = 0;
  for (let index = 0; index < actual.length; index++) {
    const error = Math.abs((actual[index] as number) - (expected[index] as number)) / (1 + Math.abs(expected[index] as number));
    worst = Math.max(worst, error);
  }
  expect(worst, label).toBeLessThan(tolerance);
}

/** Runs the three convolution kernels and checks them against the direct float64 loops. */
function checkProblem(label: string, problem: Problem, generator: Generator, tolerance = 2e-5): void {
  const x = randn(problem.input, { generator });
  const w = randn(problem.filter, { generator });
  const shape = outputShape(problem);
  const dy = randn(shape, { generator });
  const [xs, ws, dys] = [x.dataSync(), w.dataSync(), dy.dataSync()];
  const y = new Float64Array(dy.size);
  const dx = new Float64Array(x.size);
  const dw = new Float64Array(w.size);
  forEachTap(problem, (i, f, o) => {
    y[o] = (y[o] as number) + (xs[i] as number) * (ws[f] as number);
    dx[i] = (dx[i] as number) + (ws[f] as number) * (dys[o] as number);
    dw[f] = (dw[f] as number) + (xs[i] as number) * (dys[o] as number);
  });
  const outputs: Tensor[] = [
    runKernel1('conv2d', [x, w], { shape, dtype: 'float32' }, problem.attributes),
    runKernel1('conv2dBackwardInput', [dy, w], { shape: problem.input, dtype: 'float32' }, problem.attributes),
    runKernel1('conv2dBackwardFilter', [x, dy], { shape: problem.filter, dtype: 'float32' }, problem.attributes),
  ];
  expectClose(outputs[0]!.dataSync() as Float32Array, y, `${label} forward`, tolerance);
  expectClose(outputs[1]!.dataSync() as Float32Array, dx, `${label} input gradient`, tolerance);
  expectClose(outputs[2]!.dataSync() as Float32Array, dw, `${label} filter gradient`, tolerance);
  for (const tensor of [x, w, dy, ...outputs]) tensor.dispose();
}

const attributes = (overrides: Partial<Conv2dAttributes> = {}): Conv2dAttributes => ({
  stride: [1, 1],
  padding: [0, 0],
  dilation: [1, 1],
  groups: 1,
  ...overrides,
});

describe('conv2d kernels', () => {
  const generator = new Generator(99);
  const problems: Array<[string, Problem]> = [
    ['3x3 padded', { input: [2, 3, 6, 7], filter: [5, 3, 3, 3], attributes: attributes({ padding: [1, 1] }) }],
    ['strided, dilated, asymmetric', { input: [3, 4, 9, 8], filter: [6, 4, 3, 2], attributes: attributes({ stride: [2, 3], padding: [2, 1], dilation: [2, 1] }) }],
    ['groups', { input: [2, 6, 5, 5], filter: [9, 2, 3, 3], attributes: attributes({ groups: 3, padding: [1, 1], stride: [2, 1] }) }],
    ['depthwise with multiplier', { input: [2, 4, 7, 6], filter: [8, 1, 3, 3], attributes: attributes({ groups: 4, padding: [1, 1], stride: [2, 2] }) }],
    ['depthwise dilated', { input: [1, 3, 8, 8], filter: [3, 1, 5, 5], attributes: attributes({ groups: 3, padding: [4, 4], dilation: [2, 2] }) }],
    ['pointwise', { input: [3, 16, 6, 5], filter: [12, 16, 1, 1], attributes: attributes() }],
    ['pointwise grouped', { input: [2, 8, 4, 4], filter: [6, 4, 1, 1], attributes: attributes({ groups: 2 }) }],
    ['pointwise strided', { input: [2, 5, 7, 7], filter: [4, 5, 1, 1], attributes: attributes({ stride: [2, 2] }) }],
    ['single input channel', { input: [2, 1, 6, 6], filter: [4, 1, 3, 3], attributes: attributes({ padding: [1, 1] }) }],
    ['large enough to run on both threads', { input: [2, 16, 20, 20], filter: [32, 16, 3, 3], attributes: attributes({ padding: [1, 1] }) }],
  ];
  for (const [label, problem] of problems) {
    it(`match direct loops: ${label}`, () => checkProblem(label, problem, generator));
  }

  it('match direct loops when the batch is split into im2col chunks', () => {
    const problem: Problem = { input: [13, 32, 48, 48], filter: [2, 32, 3, 3], attributes: attributes({ padding: [1, 1] }) };
    const geometry = conv2dGeometry(problem.input, problem.filter, outputShape(problem), problem.attributes);
    const chunk = imagesPerChunk(geometry);
    expect(chunk).toBeGreaterThan(1);
    expect(chunk).toBeLessThan(13);
    // The filter gradient sums 13 * 48 * 48 products in float32.
    checkProblem('chunked', problem, generator, 3e-4);
  });

  it('match direct loops on the wide-column path (few positions) when the batch is split into chunks', () => {
    const problem: Problem = { input: [30, 512, 7, 7], filter: [2, 512, 3, 3], attributes: attributes({ padding: [1, 1] }) };
    const geometry = conv2dGeometry(problem.input, problem.filter, outputShape(problem), problem.attributes);
    expect(usesWideColumns(geometry)).toBe(true);
    const chunk = imagesPerWideChunk(geometry);
    expect(chunk).toBeGreaterThan(1);
    expect(chunk).toBeLessThan(30);
    // The filter gradient sums 30 * 49 products in float32.
    checkProblem('wide chunked', problem, generator, 3e-4);
  });

  it('leave the heap as they found it', () => {
    const before = backend.compute.heap.stats().allocations;
    checkProblem('heap', { input: [2, 3, 6, 6], filter: [4, 3, 3, 3], attributes: attributes({ padding: [1, 1] }) }, generator);
    expect(backend.compute.heap.stats().allocations).toBe(before);
  });
});
