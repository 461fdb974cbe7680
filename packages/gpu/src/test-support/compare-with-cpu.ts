import { type Backend, type DType, type KernelAttributes, type KernelName, type TypedArray, runKernel, tensor } from '@mmpt/tensor';
import { expect } from 'vitest';

/** One input of a kernel case: its shape, dtype and values (random when absent). */
export interface CaseInput {
  shape: number[];
  dtype?: DType;
  values?: ArrayLike<number>;
}

/** Deterministic pseudo-random numbers in [0, 1) (a 32-bit LCG), so failures reproduce. */
export function randomValues(count: number, seed: number, low = -2, high = 2): number[] {
  let state = seed >>> 0 || 1;
  const values: number[] = [];
  for (let index = 0; index < count; index++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    values.push(low + ((high - low) * state) / 2 ** 32);
  }
  return values;
}

function inputValues(input: CaseInput, seed: number): number[] {
  const count = input.shape.reduce((total, size) => total * size, 1);
  if (input.values) return Array.from(input.values);
  const dtype = input.dtype ?? 'float32';
  if (dtype === 'int32') return randomValues(count, seed, -20, 20).map(Math.floor);
  if (dtype === 'bool') return randomValues(count, seed, 0, 2).map(Math.floor);
  return randomValues(count, seed);
}

/** Runs a kernel of the contract on a backend and reads its outputs back. */
export async function runOn<K extends KernelName>(
  backend: Backend,
  name: K,
  inputs: readonly CaseInput[],
  outputs: readonly { shape: number[]; dtype: DType }[],
  attributes: KernelAttributes[K],
): Promise<TypedArray[]> {
  const tensors = inputs.map((input, at) => {
    const values = inputValues(input, 7 + 31 * at);
    const dtype = input.dtype ?? 'float32';
    const data = dtype === 'int32' ? Int32Array.from(values) : dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
    return tensor(data, { backend, dtype, shape: input.shape });
  });
  const results = runKernel(name, tensors, outputs, attributes, backend);
  const data = await Promise.all(results.map((result) => result.data()));
  for (const item of [...tensors, ...results]) item.dispose();
  return data;
}

/**
 * Runs a kernel on the GPU and on the CPU backend with the same inputs and expects the outputs to
 * agree (`|gpu - cpu| <= atol + rtol·|cpu|`, NaN matching NaN).
 */
export async function expectSameAsCpu<K extends KernelName>(
  gpu: Backend,
  cpu: Backend,
  name: K,
  inputs: readonly CaseInput[],
  outputs: readonly { shape: number[]; dtype: DType }[],
  attributes: KernelAttributes[K],
  tolerance: { rtol: number; atol: number } = { rtol: 1e-5, atol: 1e-6 },
): Promise<void> {
  const [actual, expected] = await Promise.all([runOn(gpu, name, inputs, outputs, attributes), runOn(cpu, name, inputs, outputs, attributes)]);
  expected.forEach((reference, output) => expectClose(actual[output] as TypedArray, reference, tolerance, `${name} output ${output}`));
}

/** Expects two arrays to agree elementwise within a tolerance (NaN equals NaN). */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, { rtol, atol }: { rtol: number; atol: number }, label: string): void {
  expect(actual.length, `${label}: length`).toBe(expected.length);
  for (let index = 0; index < expected.length; index++) {
    const a = actual[index] as number;
    const e = expected[index] as number;
    if (Number.isNaN(e) && Number.isNaN(a)) continue;
    if (a === e) continue;
    const ok = Math.abs(a - e) <= atol + rtol * Math.abs(e);
    if (!ok) expect.fail(`${label}: element ${index} is ${a}, expected ${e} (rtol ${rtol}, atol ${atol})`);
  }
}
