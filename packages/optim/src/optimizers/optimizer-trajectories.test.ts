import { readFileSync } from 'node:fs';
import { type Tensor, createCpuBackend, keep, memory, setDefaultBackend, tensor } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adagrad } from './adagrad';
import { Adam } from './adam';
import { AdamW } from './adamw';
import { Lamb } from './lamb';
import { LARS } from './lars';
import type { Optimizer } from './optimizer';
import { RMSprop } from './rmsprop';
import { SGD } from './sgd';

interface TrajectoryCase {
  name: string;
  type: keyof typeof OPTIMIZERS;
  options: Record<string, unknown>;
  groups: Array<{ params: number[]; [option: string]: unknown }> | null;
  shapes: number[][];
  initial: number[][];
  gradients: Array<Array<number[] | null>>;
  trajectory: number[][][];
}

const OPTIMIZERS = { SGD, Adam, AdamW, RMSprop, Adagrad, LARS, Lamb } as const;
const fixture = JSON.parse(
  readFileSync(new URL('./__fixtures__/optimizer-trajectories.json', import.meta.url), 'utf8'),
) as { steps: number; cases: TrajectoryCase[] };

let backend: ReturnType<typeof createCpuBackend>;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

function build(testCase: TrajectoryCase): { optimizer: Optimizer; params: Tensor[] } {
  const params = testCase.initial.map((values, index) =>
    tensor(values, { shape: testCase.shapes[index], requiresGrad: true }),
  );
  const groups = testCase.groups
    ? testCase.groups.map(({ params: indices, ...options }) => ({ ...options, params: indices.map((index) => params[index] as Tensor) }))
    : params;
  const Kind = OPTIMIZERS[testCase.type] as unknown as new (options: Record<string, unknown>) => Optimizer;
  return { optimizer: new Kind({ ...testCase.options, params: groups }), params };
}

function setGradients(params: Tensor[], gradients: Array<number[] | null>, shapes: number[][]): void {
  params.forEach((param, index) => {
    param.grad?.dispose();
    const values = gradients[index];
    param.grad = values ? keep(tensor(values, { shape: shapes[index] })) : null;
  });
}

function expectClose(actual: ArrayLike<number>, expected: readonly number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  for (let index = 0; index < expected.length; index++) {
    const want = expected[index] as number;
    const got = actual[index] as number;
    if (!(Math.abs(got - want) <= 1e-6 + 1e-5 * Math.abs(want))) {
      expect.fail(`${label}[${index}]: got ${got}, PyTorch ${want}`);
    }
  }
}

function dispose(params: Tensor[], optimizer: Optimizer): void {
  for (const param of params) {
    param.grad?.dispose();
    param.dispose();
  }
  optimizer.dispose();
}

describe('optimizer trajectories against PyTorch 1.13', () => {
  for (const testCase of fixture.cases) {
    it(`${testCase.name} follows ${testCase.type} for ${fixture.steps} steps`, () => {
      const { optimizer, params } = build(testCase);
      testCase.gradients.forEach((gradients, step) => {
        setGradients(params, gradients, testCase.shapes);
        optimizer.step();
        params.forEach((param, index) => {
          expectClose(param.dataSync(), testCase.trajectory[step]?.[index] as number[], `${testCase.name} step ${step + 1} param ${index}`);
        });
      });
      dispose(params, optimizer);
    });
  }
});

describe('optimizer state dicts', () => {
  for (const testCase of fixture.cases) {
    it(`${testCase.name}: a fresh ${testCase.type} that loads the state after 4 steps continues the trajectory`, () => {
      const first = build(testCase);
      for (let step = 0; step < 4; step++) {
        setGradients(first.params, testCase.gradients[step] as Array<number[] | null>, testCase.shapes);
        first.optimizer.step();
      }
      const resumedCase = { ...testCase, initial: first.params.map((param) => Array.from(param.dataSync())) };
      const second = build({ ...resumedCase, options: { ...testCase.options, lr: 123 } });
      second.optimizer.loadStateDict(first.optimizer.stateDict());
      dispose(first.params, first.optimizer);
      for (let step = 4; step < fixture.steps; step++) {
        setGradients(second.params, testCase.gradients[step] as Array<number[] | null>, testCase.shapes);
        second.optimizer.step();
        second.params.forEach((param, index) => {
          expectClose(param.dataSync(), testCase.trajectory[step]?.[index] as number[], `${testCase.name} resumed step ${step + 1} param ${index}`);
        });
      }
      dispose(second.params, second.optimizer);
    });
  }
});

describe('optimizer memory', () => {
  for (const type of Object.keys(OPTIMIZERS) as Array<keyof typeof OPTIMIZERS>) {
    it(`${type} steps without leaking tensors`, () => {
      const testCase = fixture.cases.find((candidate) => candidate.type === type) as TrajectoryCase;
      const { optimizer, params } = build(testCase);
      setGradients(params, testCase.gradients[0] as Array<number[] | null>, testCase.shapes);
      optimizer.step();
      const before = memory();
      for (let step = 0; step < 100; step++) optimizer.step();
      const after = memory();
      expect(after.tensors).toBe(before.tensors);
      expect(after.bytes).toBe(before.bytes);
      dispose(params, optimizer);
    });
  }
});
