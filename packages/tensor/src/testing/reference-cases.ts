import { grad } from '../autograd/backward';
import type { DType } from '../core/dtype';
import type { Tensor } from '../core/tensor';
import { tensor, zerosLike } from '../ops/creation';
import { assertClose } from './assert-close';
import type { ConformanceContext } from './conformance-context';
import { compute } from './host-tensor';
import { CORE_REFERENCE_OPS, type ReferenceAttributes, type ReferenceOpTable } from './reference-ops';

/** A number in a fixture; JSON has no infinities or NaN, so they are strings. */
export type FixtureValue = number | 'nan' | 'inf' | '-inf';

/** A tensor in a fixture. */
export interface FixtureTensor {
  dtype: DType;
  shape: number[];
  values: FixtureValue[];
}

/**
 * One reference case, as `scripts/generate-conformance-fixtures.py` writes it: an op call, its
 * inputs and PyTorch's outputs, and for differentiable cases the gradients of
 * `sum(output * upstream)` with respect to the inputs marked `grad`.
 */
export interface ReferenceCase {
  name: string;
  op: string;
  attributes: ReferenceAttributes;
  inputs: Array<FixtureTensor & { grad: boolean }>;
  outputs: FixtureTensor[];
  /** One per output: the upstream gradient, or null for outputs that are not differentiated. */
  upstream?: Array<FixtureValue[] | null>;
  /** One per input: the expected gradient, or null for inputs that are not differentiated. */
  grads?: Array<FixtureValue[] | null>;
}

/** A fixture file of reference cases. */
export interface ReferenceFile {
  about: string;
  cases: ReferenceCase[];
}

/** Decodes fixture values ('nan', 'inf', '-inf' become numbers). */
export function decodeValues(values: readonly FixtureValue[]): number[] {
  return values.map((value) => {
    if (typeof value === 'number') return value;
    if (value === 'nan') return Number.NaN;
    return value === 'inf' ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY;
  });
}

/** Whether a case feeds infinities or NaN to the op. */
export function hasSpecialValues(testCase: ReferenceCase): boolean {
  return testCase.inputs.some((input) => input.values.some((value) => typeof value === 'string'));
}

function fixtureTensor(fixture: FixtureTensor, requiresGrad: boolean): Tensor {
  const values = decodeValues(fixture.values);
  const host = fixture.dtype === 'int32' ? Int32Array.from(values) : fixture.dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
  return tensor(host, { shape: fixture.shape, dtype: fixture.dtype, requiresGrad });
}

/** The options of {@link runReferenceCase}. */
export interface ReferenceRunOptions {
  /** The ops the case may name (default: the core ops). */
  ops?: ReferenceOpTable;
  /** The tolerance family of ops without their own default (`'network'`). */
  fallback?: string;
}

/**
 * Runs one reference case on the context's backend: compares every output (shape, dtype, values)
 * and, where the case has them, the gradients from the backend's autograd.
 */
export async function runReferenceCase(context: ConformanceContext, testCase: ReferenceCase, options: ReferenceRunOptions = {}): Promise<void> {
  const ops = options.ops ?? CORE_REFERENCE_OPS;
  const op = ops[testCase.op];
  if (!op) throw new Error(`reference case "${testCase.name}": no op named ${testCase.op}`);
  const withGradients = testCase.grads !== undefined && testCase.upstream !== undefined;
  const outputCount = testCase.outputs.length;
  const results = await compute(() => {
    const inputs = testCase.inputs.map((input) => fixtureTensor(input, withGradients && input.grad));
    const produced = op(inputs, testCase.attributes);
    const outputs = Array.isArray(produced) ? [...(produced as readonly Tensor[])] : [produced as Tensor];
    if (outputs.length !== outputCount) throw new Error(`${testCase.op} returned ${outputs.length} outputs, expected ${outputCount}`);
    if (!withGradients) return outputs;
    const roots: Tensor[] = [];
    const seeds: Tensor[] = [];
    outputs.forEach((output, index) => {
      const upstream = testCase.upstream?.[index];
      if (!upstream) return;
      roots.push(output);
      seeds.push(tensor(Float32Array.from(decodeValues(upstream)), { shape: output.shape }));
    });
    const wanted = inputs.filter((_, index) => testCase.inputs[index]?.grad);
    const gradients = grad(roots, wanted, seeds, { allowUnused: true });
    return [...outputs, ...gradients.map((value, index) => value ?? zerosLike(wanted[index] as Tensor))];
  });
  const forward = context.tolerance(testCase.op, 'forward', undefined, options.fallback);
  testCase.outputs.forEach((expected, index) => {
    assertClose(results[index] as NonNullable<(typeof results)[number]>, { ...expected, values: decodeValues(expected.values) }, forward, `${testCase.op} (${testCase.name}): output ${index}`);
  });
  if (!withGradients) return;
  const gradient = context.tolerance(testCase.op, 'gradient', undefined, options.fallback);
  let position = outputCount;
  testCase.inputs.forEach((input, index) => {
    if (!input.grad) return;
    const expected = testCase.grads?.[index];
    const actual = results[position++];
    if (!expected || !actual) throw new Error(`reference case "${testCase.name}": gradient of input ${index} is missing`);
    assertClose(actual, { shape: input.shape, dtype: 'float32', values: decodeValues(expected) }, gradient, `${testCase.op} (${testCase.name}): gradient of input ${index}`);
  });
}

/**
 * Registers one test per case of a fixture file (tagged with the case's op, and with
 * `'special-values'` when it feeds infinities or NaN).
 */
export function registerReferenceCases(context: ConformanceContext, file: ReferenceFile, options: ReferenceRunOptions & { tags?: readonly string[] } = {}): void {
  for (const testCase of file.cases) {
    const tags = [testCase.op, ...(options.tags ?? []), ...(hasSpecialValues(testCase) ? ['special-values'] : [])];
    const what = testCase.grads ? 'forward and gradients match' : 'forward matches';
    context.test(`${testCase.name}: ${what} PyTorch`, tags, () => runReferenceCase(context, testCase, options));
  }
}
