import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type CpuBackend, type Tensor, createCpuBackend, mul, noGrad, permute, setDefaultBackend, sum, tensor, tidy } from '@mmpt/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../test-support/fixtures';
import { GRN } from './grn';

interface Encoded {
  shape: number[];
  data: number[];
}

// Written by __fixtures__/generate-convnext-v2-fixtures.py (MMPretrain's GRN in PyTorch).
const fixture = JSON.parse(readFileSync(join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'convnext-v2.json'), 'utf8')).grn as Record<string, Encoded>;
const load = (name: string): Tensor => tensor(Float32Array.from((fixture[name] as Encoded).data), { shape: (fixture[name] as Encoded).shape });

function expectClose(actual: Tensor | ArrayLike<number>, name: string, tolerance = 1e-5): void {
  const expected = (fixture[name] as Encoded).data;
  const values = 'dataSync' in actual ? actual.dataSync() : actual;
  expect(values.length).toBe(expected.length);
  const scale = Math.max(1, ...expected.map(Math.abs));
  expected.forEach((value, index) => expect(Math.abs((values[index] as number) - value), `${name}[${index}]`).toBeLessThanOrEqual(tolerance * scale));
}

let backend: CpuBackend;
beforeAll(() => {
  backend = createCpuBackend();
  setDefaultBackend(backend);
});
afterAll(() => backend.dispose());

describe('GRN', () => {
  it('is the identity with its initial zero gamma and beta, and has MMPretrain names', () => {
    const grn = new GRN(6);
    expect([...grn.stateDict().keys()]).toEqual(['gamma', 'beta']);
    const x = load('input');
    expect(tidy(() => noGrad(() => Array.from(grn.forward(x).dataSync())))).toEqual(Array.from(x.dataSync()));
    expect(() => tidy(() => grn.forward(x, true))).toThrow(/GRN: expects 6 channels on axis 3, got \[2, 6, 3, 4\]/);
    x.dispose();
    grn.dispose();
  });

  it('builds from a config with MMPretrain\'s option names', () => {
    const grn = buildModel<GRN>({ type: 'GRN', in_channels: 5, eps: 1e-5 });
    expect([grn.inChannels, grn.eps]).toEqual([5, 1e-5]);
    expect(grn.gamma.shape).toEqual([5]);
    grn.dispose();
  });

  it('matches PyTorch in both data formats, gradients included', () => {
    const grn = new GRN(6);
    noGrad(() => {
      grn.loadStateDict(new Map([['gamma', load('gamma')], ['beta', load('beta')]]));
    });
    const x = load('input');
    x.requiresGrad = true;
    const weights = load('weights');
    const output = grn.forward(x);
    expectClose(output, 'output');
    const loss = sum(mul(output, weights));
    loss.backward();
    expectClose(x.grad as Tensor, 'inputGrad');
    expectClose(grn.gamma.grad as Tensor, 'gammaGrad');
    expectClose(grn.beta.grad as Tensor, 'betaGrad');
    expectClose(tidy(() => noGrad(() => grn.forward(permute(x, [0, 2, 3, 1]), true).dataSync())), 'channelLastOutput');
    for (const value of [x.grad, grn.gamma.grad, grn.beta.grad, output, loss, x, weights]) value?.dispose();
    grn.dispose();
  });
});
