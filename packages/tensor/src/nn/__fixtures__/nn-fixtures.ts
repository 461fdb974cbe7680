import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { dispose, memory } from '../../core/engine';
import { formatShape } from '../../core/shape';
import type { Tensor } from '../../core/tensor';
import { tensor } from '../../ops/creation';
import type { AnyModule } from '../module';

/** A tensor as the generator script writes it (`null` stands for a non-finite value). */
export interface EncodedTensor {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  values: Array<number | null>;
}

/** One case of scripts/generate-nn-module-fixtures.py. */
export interface ModuleCase {
  parameters: Array<[string, number[]]>;
  buffers: Array<[string, number[]]>;
  stateDict: Record<string, EncodedTensor>;
  stateDictKeys?: string[];
  training?: boolean;
  inputs?: EncodedTensor[];
  /** One list of outputs per forward pass. */
  outputs?: EncodedTensor[][];
  buffersAfter?: Record<string, EncodedTensor>;
}

const fixtures = JSON.parse(readFileSync(new URL('./nn-modules.json', import.meta.url), 'utf8')) as { cases: Record<string, ModuleCase> };

/** The case named `name` of the fixture file. */
export function moduleCase(name: string): ModuleCase {
  const found = fixtures.cases[name];
  if (!found) throw new Error(`no nn module fixture named "${name}"`);
  return found;
}

/** A tensor on the default backend from its encoding. */
export function decode(encoded: EncodedTensor): Tensor {
  const values = encoded.values.map((value) => value ?? Number.NaN);
  const host = encoded.dtype === 'float32' ? Float32Array.from(values) : encoded.dtype === 'int32' ? Int32Array.from(values) : Uint8Array.from(values);
  return tensor(host, { shape: encoded.shape });
}

/** Expects `actual` to have the encoded shape and values within `atol + rtol · |expected|`. */
export function expectClose(actual: Tensor, expected: EncodedTensor, what: string, atol = 1e-5, rtol = 1e-4): void {
  expect(actual.shape, `${what}: shape`).toEqual(expected.shape);
  const values = actual.dataSync();
  let worst = 0;
  let worstIndex = -1;
  for (const [index, wanted] of expected.values.entries()) {
    const got = values[index] as number;
    const target = wanted ?? Number.NaN;
    if (Number.isNaN(target) && Number.isNaN(got)) continue;
    const excess = Math.abs(got - target) - (atol + rtol * Math.abs(target));
    if (!(excess <= worst)) {
      worst = Number.isNaN(excess) ? Number.POSITIVE_INFINITY : excess;
      worstIndex = index;
    }
  }
  if (worstIndex >= 0) {
    expect.fail(
      `${what}: element ${worstIndex} of ${formatShape(expected.shape)} is ${values[worstIndex]}, expected ${expected.values[worstIndex]} (atol ${atol}, rtol ${rtol})`,
    );
  }
}

/** Expects the module's parameter and buffer names and shapes (and state-dict keys) to be PyTorch's. */
export function expectNames(module: AnyModule, reference: ModuleCase): void {
  expect(module.namedParameters().map(([name, value]) => [name, [...value.shape]])).toEqual(reference.parameters);
  expect(module.namedBuffers().map(([name, value]) => [name, [...value.shape]])).toEqual(reference.buffers);
  const keys = reference.stateDictKeys ?? Object.keys(reference.stateDict);
  expect([...module.stateDict().keys()]).toEqual(keys);
}

/** Loads the case's state dict into the module (strictly). */
export function loadCase(module: AnyModule, reference: ModuleCase): void {
  const dict = new Map(Object.entries(reference.stateDict).map(([key, value]) => [key, decode(value)]));
  try {
    module.loadStateDict(dict);
  } finally {
    for (const value of dict.values()) value.dispose();
  }
}

/**
 * Runs a case: checks the names, loads the weights, runs each forward pass (in the case's mode)
 * against PyTorch's outputs, then the buffers after the passes; checks that nothing leaks.
 */
export function checkCase(
  name: string,
  create: () => AnyModule,
  forward: (module: AnyModule, inputs: Tensor[]) => Array<Tensor | null> = (module, inputs) => [module.forward(...inputs) as Tensor],
  tolerance: { atol?: number; rtol?: number } = {},
): void {
  const reference = moduleCase(name);
  const before = memory();
  const module = create();
  expectNames(module, reference);
  loadCase(module, reference);
  module.train(reference.training ?? false);
  const inputs = (reference.inputs ?? []).map(decode);
  for (const [pass, expected] of (reference.outputs ?? []).entries()) {
    const outputs = forward(module, inputs);
    expect(outputs.length, `${name}: number of outputs`).toBe(expected.length);
    for (const [index, output] of outputs.entries()) {
      const wanted = expected[index] as EncodedTensor;
      if (!output) expect.fail(`${name}: output ${index} of pass ${pass} is null`);
      expectClose(output, wanted, `${name}, pass ${pass}, output ${index}`, tolerance.atol, tolerance.rtol);
    }
    dispose(outputs);
  }
  const buffers = new Map(module.namedBuffers());
  for (const [key, expected] of Object.entries(reference.buffersAfter ?? {})) {
    const buffer = buffers.get(key);
    if (!buffer) expect.fail(`${name}: no buffer "${key}"`);
    expect(buffer.dtype, `${name}: dtype of ${key}`).toBe(expected.dtype);
    expectClose(buffer, expected, `${name}: buffer ${key} after the forward passes`, tolerance.atol, tolerance.rtol);
  }
  dispose(inputs);
  module.dispose();
  expect(memory().tensors, `${name}: live tensors`).toBe(before.tensors);
  expect(memory().bytes, `${name}: live bytes`).toBe(before.bytes);
}
