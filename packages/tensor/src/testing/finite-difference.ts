import { grad } from '../autograd/backward';
import type { DType } from '../core/dtype';
import { noGrad } from '../core/engine';
import type { Tensor } from '../core/tensor';
import { tensor, zerosLike } from '../ops/creation';
import { Generator } from '../random/generator';
import { assertClose } from './assert-close';
import { type HostTensor, compute } from './host-tensor';
import type { Tolerance } from './tolerances';

/** One input of a gradient check. */
export interface CheckInput {
  readonly shape: readonly number[];
  readonly values: readonly number[];
  /** float32 unless given; only float32 inputs are differentiated. */
  readonly dtype?: DType;
  /** Whether to check this input's gradient (default: float32 inputs). */
  readonly differentiable?: boolean;
}

/** A function and the point at which its gradients are checked. */
export interface GradientCheck {
  readonly inputs: readonly CheckInput[];
  /** The op under test; the outputs that require grad are differentiated, the others ignored. */
  readonly forward: (...inputs: Tensor[]) => Tensor | readonly Tensor[];
  /** The finite-difference step (default 1e-2; keep every kink of the function farther away). */
  readonly step?: number;
  /** Seed of the pseudo-random upstream gradient. */
  readonly seed?: number;
}

/** The values of a gradient check: the backend's analytic gradient and the numeric one. */
export interface GradientComparison {
  /** One per input: the gradient from the backend's autograd (null for inputs not checked). */
  analytic: Array<HostTensor | null>;
  /** One per input: central differences of the backend's forward, in float64 on the host. */
  numeric: Array<HostTensor | null>;
}

function inputTensor(input: CheckInput, values: readonly number[], requiresGrad: boolean): Tensor {
  const dtype = input.dtype ?? 'float32';
  const host = dtype === 'int32' ? Int32Array.from(values) : dtype === 'bool' ? Uint8Array.from(values) : Float32Array.from(values);
  return tensor(host, { shape: input.shape, dtype, requiresGrad });
}

function isDifferentiable(input: CheckInput): boolean {
  return input.differentiable ?? (input.dtype ?? 'float32') === 'float32';
}

function asList(outputs: Tensor | readonly Tensor[]): Tensor[] {
  return Array.isArray(outputs) ? [...(outputs as readonly Tensor[])] : [outputs as Tensor];
}

/** Upstream gradients in [-1, 1] with two decimals (exact enough, and the same on the host). */
function upstreamValues(sizes: readonly number[], seed: number): Float32Array[] {
  const generator = new Generator(seed);
  return sizes.map((size) => Float32Array.from({ length: size }, () => Math.round((generator.uniform() * 2 - 1) * 100) / 100));
}

/**
 * Computes the gradients of `sum(output * upstream)` with the backend's autograd and by central
 * finite differences of the backend's forward values (accumulated in float64 on the host), for a
 * fixed pseudo-random upstream gradient.
 */
export async function compareGradients(check: GradientCheck): Promise<GradientComparison> {
  const step = check.step ?? 1e-2;
  const differentiable = check.inputs.map(isDifferentiable);
  const checkedIndices = differentiable.flatMap((flag, index) => (flag ? [index] : []));
  if (checkedIndices.length === 0) throw new Error('gradient check: no input is differentiable');

  // The output shapes (a forward without autograd) fix the upstream gradient.
  const probe = await compute(() => noGrad(() => asList(check.forward(...check.inputs.map((input) => inputTensor(input, input.values, false))))));
  let differentiated: boolean[] = [];
  const upstream = upstreamValues(
    probe.map((output) => output.values.length),
    check.seed ?? 7,
  );

  // Analytic gradients from the backend.
  const analyticList = await compute(() => {
    const inputs = check.inputs.map((input, index) => inputTensor(input, input.values, differentiable[index] as boolean));
    const outputs = asList(check.forward(...inputs));
    differentiated = outputs.map((output) => output.requiresGrad);
    const roots = outputs.filter((output) => output.requiresGrad);
    if (roots.length === 0) throw new Error('gradient check: no output requires grad');
    const seeds = outputs.flatMap((output, index) =>
      output.requiresGrad ? [tensor(upstream[index] as Float32Array, { shape: output.shape, backend: output.backend })] : [],
    );
    const wanted = checkedIndices.map((index) => inputs[index] as Tensor);
    const gradients = grad(roots, wanted, seeds, { allowUnused: true });
    return gradients.map((value, position) => value ?? zerosLike(wanted[position] as Tensor));
  });

  // Central differences: every perturbed forward runs first, then all outputs are read at once.
  const plan: Array<{ input: number; element: number; denominator: number }> = [];
  const perturbed = await compute(() =>
    noGrad(() => {
      const results: Tensor[] = [];
      for (const inputIndex of checkedIndices) {
        const input = check.inputs[inputIndex] as CheckInput;
        for (let element = 0; element < input.values.length; element++) {
          const value = input.values[element] as number;
          const plus = Math.fround(value + step);
          const minus = Math.fround(value - step);
          plan.push({ input: inputIndex, element, denominator: plus - minus });
          for (const shifted of [plus, minus]) {
            const values = [...input.values];
            values[element] = shifted;
            const tensors = check.inputs.map((other, index) => inputTensor(other, index === inputIndex ? values : other.values, false));
            results.push(...asList(check.forward(...tensors)));
          }
        }
      }
      return results;
    }),
  );
  const outputsPerRun = probe.length;
  const objective = (run: number): number => {
    let total = 0;
    for (let output = 0; output < outputsPerRun; output++) {
      if (!differentiated[output]) continue;
      const values = (perturbed[run * outputsPerRun + output] as HostTensor).values;
      const weights = upstream[output] as Float32Array;
      for (let index = 0; index < values.length; index++) total += (values[index] as number) * (weights[index] as number);
    }
    return total;
  };
  const numericValues = check.inputs.map((input, index) => (differentiable[index] ? new Array<number>(input.values.length).fill(0) : null));
  plan.forEach((entry, position) => {
    const derivative = (objective(2 * position) - objective(2 * position + 1)) / entry.denominator;
    (numericValues[entry.input] as number[])[entry.element] = derivative;
  });

  const analytic: Array<HostTensor | null> = check.inputs.map(() => null);
  checkedIndices.forEach((inputIndex, position) => (analytic[inputIndex] = analyticList[position] as HostTensor));
  const numeric = check.inputs.map((input, index) => {
    const values = numericValues[index];
    return values ? { shape: [...input.shape], dtype: 'float32' as DType, values } : null;
  });
  return { analytic, numeric };
}

/**
 * Checks the backend's gradients of `check.forward` against central finite differences (see
 * {@link compareGradients}); throws naming the input and the worst elements on a mismatch.
 *
 * @example
 * await checkGradients({ inputs: [{ shape: [3], values: [0.5, 1, 2] }], forward: (x) => log(x) }, { rtol: 1e-2, atol: 1e-3 }, 'log');
 */
export async function checkGradients(check: GradientCheck, tolerance: Tolerance, label: string): Promise<void> {
  const { analytic, numeric } = await compareGradients(check);
  analytic.forEach((value, index) => {
    const reference = numeric[index];
    if (!value || !reference) return;
    assertClose(value, reference, tolerance, `${label}: gradient of input ${index} (autograd vs finite differences)`);
  });
}
