import { readFileSync } from 'node:fs';
import { type Backend, type Tensor, createCpuBackend, keep, setDefaultBackend, tensor } from '@mmpt/tensor';
import { backendWithoutKernel } from '@mmpt/tensor/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam } from './adam';
import { AdamW } from './adamw';
import type { Optimizer } from './optimizer';
import { SGD } from './sgd';

interface TrajectoryCase {
  name: string;
  type: string;
  options: Record<string, unknown>;
  groups: Array<{ params: number[]; [option: string]: unknown }> | null;
  shapes: number[][];
  initial: number[][];
  gradients: Array<Array<number[] | null>>;
}

const OPTIMIZERS: Record<string, new (options: never) => Optimizer> = { SGD, Adam, AdamW };
const fixture = JSON.parse(readFileSync(new URL('./__fixtures__/optimizer-trajectories.json', import.meta.url), 'utf8')) as {
  cases: TrajectoryCase[];
};

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
});
afterAll(() => {
  setDefaultBackend(undefined);
  backend.dispose();
});

/** Runs a trajectory case on a backend and returns the final parameters and state tensors. */
function run(testCase: TrajectoryCase, on: Backend): number[][] {
  setDefaultBackend(on);
  const params = testCase.initial.map((values, index) => tensor(values, { shape: testCase.shapes[index], requiresGrad: true }));
  const groups = testCase.groups
    ? testCase.groups.map(({ params: indices, ...options }) => ({ ...options, params: indices.map((index) => params[index] as Tensor) }))
    : params;
  const Kind = OPTIMIZERS[testCase.type] as unknown as new (options: Record<string, unknown>) => Optimizer;
  const optimizer = new Kind({ ...testCase.options, params: groups });
  for (const gradients of testCase.gradients) {
    params.forEach((param, index) => {
      param.grad?.dispose();
      const values = gradients[index];
      param.grad = values ? keep(tensor(values, { shape: testCase.shapes[index] })) : null;
    });
    optimizer.step();
  }
  const state = Object.values(optimizer.stateDict().state).flatMap((entry) =>
    Object.values(entry).filter((value): value is Tensor => value !== null && typeof value === 'object'),
  );
  const values = [...params, ...state].map((value) => Array.from(value.dataSync()));
  for (const param of params) {
    param.grad?.dispose();
    param.dispose();
  }
  optimizer.dispose();
  return values;
}

describe('fused optimizer kernels', () => {
  for (const testCase of fixture.cases.filter((candidate) => candidate.type in OPTIMIZERS)) {
    it(`${testCase.name}: the fused ${testCase.type} update matches the composite one`, () => {
      expect(backend.hasKernel('sgdUpdate') && backend.hasKernel('adamUpdate')).toBe(true);
      const composite = backendWithoutKernel(backendWithoutKernel(backend, 'sgdUpdate'), 'adamUpdate');
      const expected = run(testCase, composite);
      const actual = run(testCase, backend);
      expect(actual.length).toBe(expected.length);
      actual.forEach((values, tensorIndex) => {
        values.forEach((value, index) => {
          const want = (expected[tensorIndex] as number[])[index] as number;
          if (!(Math.abs(value - want) <= 1e-6 + 1e-5 * Math.abs(want))) {
            expect.fail(`${testCase.name} tensor ${tensorIndex}[${index}]: fused ${value}, composite ${want}`);
          }
        });
      });
    });
  }
});
