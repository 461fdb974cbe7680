import { grad } from '../autograd/backward';
import type { Tensor } from '../core/tensor';
import { Tensor as TensorClass } from '../core/tensor-methods';
import { tensor, zerosLike } from '../ops/creation';
import { assertClose } from './assert-close';
import type { ConformanceContext } from './conformance-context';
import type { GradientCheck } from './finite-difference';
import { compute } from './host-tensor';
import type { Tolerance } from './tolerances';

/** A tensor as `scripts/generate-nn-fixtures.py` writes it ('NaN', 'Infinity', '-Infinity' as strings). */
export interface NetworkFixtureTensor {
  shape: number[];
  dtype: 'float32' | 'int32' | 'bool';
  data: Array<number | boolean | string>;
}

/**
 * One case of a network-op fixture file: named inputs, the op's options, named outputs (`output`
 * is the main one), the upstream gradient R of `sum(output * R)` and the gradients of the inputs.
 */
export interface NetworkFixtureCase {
  inputs: Record<string, NetworkFixtureTensor>;
  options: Record<string, unknown>;
  outputs: Record<string, NetworkFixtureTensor>;
  gradOutput: NetworkFixtureTensor;
  grads?: Record<string, NetworkFixtureTensor>;
}

/** A network-op fixture file: cases by name. */
export type NetworkFixtureFile = Record<string, NetworkFixtureCase>;

/** A finite-difference check of a network op. */
export interface NetworkGradientCheck {
  /** Starts with the op's name and a colon (`'conv2d: gradients with groups'`): the op for `skip`. */
  title: string;
  check: GradientCheck;
  tolerance?: Tolerance;
}

/**
 * How the suite runs the fixture file of one network op: the op's tag (for `skip` and
 * `tolerances`), and how a case's inputs and options become a call.
 */
export interface NetworkSuite {
  /** The describe block's title. */
  title: string;
  /** The fixture file's name in `src/ops/nn/__fixtures__/`, without `.json`. */
  file: string;
  /** The op name used by `skip` and `tolerances` (cases may refine it with {@link NetworkSuite.opOf}). */
  tag: string;
  /** The cases, as the fixture file holds them. */
  fixtures: NetworkFixtureFile;
  /** Calls the op of a case: one output, or named outputs matching the case's `outputs`. */
  run(name: string, inputs: Record<string, Tensor>, options: Record<string, unknown>): Tensor | Record<string, Tensor>;
  /** The op of a case, when one file covers several (default: {@link NetworkSuite.tag}). */
  opOf?(name: string): string;
  /** Inputs never differentiated (running statistics). */
  frozen?: readonly string[];
  /** Finite-difference checks beside the fixture cases. */
  gradientChecks?: readonly NetworkGradientCheck[];
}

/** The numbers of a fixture tensor (booleans as 0/1, non-finite strings decoded). */
export function networkFixtureValues(fixture: NetworkFixtureTensor): number[] {
  return fixture.data.map((value) => Number(value));
}

function fixtureTensor(fixture: NetworkFixtureTensor, requiresGrad: boolean): Tensor {
  const values = networkFixtureValues(fixture);
  const data = fixture.dtype === 'int32' ? Int32Array.from(values) : fixture.dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
  return tensor(data, { shape: fixture.shape, dtype: fixture.dtype, requiresGrad });
}

/**
 * Runs one network case on the context's backend and compares its outputs and the gradients of
 * `sum(output * R)` with PyTorch's. An output the op does not return but that names an input
 * (running statistics updated in place) is read from that input after the call.
 */
export async function runNetworkCase(context: ConformanceContext, suite: NetworkSuite, name: string, fixture: NetworkFixtureCase): Promise<void> {
  const op = suite.opOf?.(name) ?? suite.tag;
  const outputNames = Object.keys(fixture.outputs);
  const gradNames = Object.keys(fixture.grads ?? {}).filter((key) => !suite.frozen?.includes(key));
  const results = await compute(() => {
    const inputs: Record<string, Tensor> = {};
    for (const [key, value] of Object.entries(fixture.inputs)) inputs[key] = fixtureTensor(value, value.dtype === 'float32' && gradNames.includes(key));
    const result = suite.run(name, inputs, fixture.options);
    const outputs: Record<string, Tensor> = result instanceof TensorClass ? { output: result } : (result as Record<string, Tensor>);
    const listed = outputNames.map((key) => {
      const value = outputs[key] ?? inputs[key];
      if (!value) throw new Error(`${op} (${name}): the op returned no output named ${key}`);
      return value;
    });
    if (gradNames.length === 0) return listed;
    const primary = outputs.output;
    if (!primary) throw new Error(`${op} (${name}): the op returned no main output to differentiate`);
    const wanted = gradNames.map((key) => inputs[key] as Tensor);
    const gradients = grad([primary], wanted, [fixtureTensor(fixture.gradOutput, false)], { allowUnused: true });
    return [...listed, ...gradients.map((value, index) => value ?? zerosLike(wanted[index] as Tensor))];
  });
  const forward = context.tolerance(op, 'forward', undefined, 'network');
  outputNames.forEach((key, index) => {
    const expected = fixture.outputs[key] as NetworkFixtureTensor;
    const actual = results[index];
    if (!actual) throw new Error(`${op} (${name}): output ${key} is missing`);
    assertClose(actual, { shape: expected.shape, values: networkFixtureValues(expected) }, forward, `${op} (${name}): output ${key}`);
  });
  const gradient = context.tolerance(op, 'gradient', undefined, 'network');
  gradNames.forEach((key, index) => {
    const expected = fixture.grads?.[key] as NetworkFixtureTensor;
    const actual = results[outputNames.length + index];
    if (!actual) throw new Error(`${op} (${name}): gradient of ${key} is missing`);
    assertClose(actual, { shape: expected.shape, values: networkFixtureValues(expected) }, gradient, `${op} (${name}): gradient of ${key}`);
  });
}

/**
 * Runs a network case forward and backward outside `tidy`, disposing only what it created and
 * what the op returned: an intermediate the op or its backward forgets fails the leak check.
 */
export function runNetworkCaseOutsideTidy(suite: NetworkSuite, name: string, fixture: NetworkFixtureCase): void {
  const gradNames = Object.keys(fixture.grads ?? {}).filter((key) => !suite.frozen?.includes(key));
  const inputs: Record<string, Tensor> = {};
  for (const [key, value] of Object.entries(fixture.inputs)) inputs[key] = fixtureTensor(value, value.dtype === 'float32' && gradNames.includes(key));
  const created: Tensor[] = Object.values(inputs);
  try {
    const result = suite.run(name, inputs, fixture.options);
    const outputs = result instanceof TensorClass ? [result] : Object.values(result as Record<string, Tensor>);
    created.push(...outputs.filter((output) => !created.includes(output)));
    const primary = result instanceof TensorClass ? result : (result as Record<string, Tensor>).output;
    if (!primary || gradNames.length === 0) return;
    const seed = fixtureTensor(fixture.gradOutput, false);
    created.push(seed);
    const gradients = grad([primary], gradNames.map((key) => inputs[key] as Tensor), [seed], { allowUnused: true });
    created.push(...gradients.filter((value): value is Tensor => value !== null));
  } finally {
    for (const item of created) item.dispose();
  }
}

/** Registers one test per case of a network suite's fixture file. */
export function registerNetworkFixtureCases(context: ConformanceContext, suite: NetworkSuite): void {
  for (const [name, fixture] of Object.entries(suite.fixtures)) {
    const op = suite.opOf?.(name) ?? suite.tag;
    const special = Object.values(fixture.inputs).some((input) => input.data.some((value) => typeof value === 'string'));
    const what = fixture.grads && Object.keys(fixture.grads).length > 0 ? 'forward and gradients match' : 'forward matches';
    context.test(`${name}: ${what} PyTorch`, [op, suite.tag, 'network', ...(special ? ['special-values'] : [])], () => runNetworkCase(context, suite, name, fixture));
  }
  const seen = new Set<string>();
  for (const [name, fixture] of Object.entries(suite.fixtures)) {
    const op = suite.opOf?.(name) ?? suite.tag;
    if (seen.has(op)) continue;
    seen.add(op);
    context.test(`${op}: forward and backward outside tidy leave only what they return (${name})`, [op, suite.tag, 'network', 'memory'], () =>
      runNetworkCaseOutsideTidy(suite, name, fixture),
    );
  }
}
