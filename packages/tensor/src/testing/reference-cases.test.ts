import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDefaultBackend } from '../core/engine';
import { createCpuBackend } from '../cpu/cpu-backend';
import { ConformanceContext } from './conformance-context';
import { MATMUL_REFERENCE, REDUCTION_REFERENCE } from './fixtures';
import type { ReferenceCase } from './reference-cases';
import { decodeValues, hasSpecialValues, runReferenceCase } from './reference-cases';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const context = new ConformanceContext({ name: 'cpu', createBackend: () => backend });

function firstCase(op: string, cases: readonly ReferenceCase[]): ReferenceCase {
  const found = cases.find((testCase) => testCase.op === op && testCase.grads);
  if (!found) throw new Error(`no ${op} case`);
  return structuredClone(found);
}

describe('reference cases', () => {
  it('decode non-finite values and flag them', () => {
    expect(decodeValues([1, 'nan', 'inf', '-inf'])).toEqual([1, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    const masked = REDUCTION_REFERENCE.cases.find((testCase) => testCase.name.includes('all -inf row'));
    expect(masked && hasSpecialValues(masked)).toBe(true);
  });

  it('pass on the backend as generated', async () => {
    await runReferenceCase(context, firstCase('matmul', MATMUL_REFERENCE.cases));
  });

  it('fail when an output differs from PyTorch', async () => {
    const testCase = firstCase('matmul', MATMUL_REFERENCE.cases);
    const values = testCase.outputs[0]?.values as number[];
    values[3] = (values[3] as number) + 0.5;
    await expect(runReferenceCase(context, testCase)).rejects.toThrow(/matmul \(.*\): output 0: 1 of \d+ values differ.*at \[0, 3\]/);
  });

  it('fail when a gradient differs from PyTorch', async () => {
    const testCase = firstCase('sum', REDUCTION_REFERENCE.cases);
    const grads = testCase.grads?.[0] as number[];
    grads[0] = (grads[0] as number) + 1;
    await expect(runReferenceCase(context, testCase)).rejects.toThrow(/sum \(.*\): gradient of input 0: 1 of 24 values differ/);
  });

  it('fail on an op the table does not know', async () => {
    const testCase = { ...firstCase('sum', REDUCTION_REFERENCE.cases), op: 'frobnicate' };
    await expect(runReferenceCase(context, testCase)).rejects.toThrow(/no op named frobnicate/);
  });
});
