import { noGrad, tidy } from '../../../core/engine';
import type { Tensor } from '../../../core/tensor';
import { tensor } from '../../creation';
import { mul } from '../../arithmetic';
import { sum } from '../../reduce';
import { type Tolerance, assertCloseValues } from './assert-close';

/** The options of {@link checkGradients}. */
export interface GradientCheckOptions extends Tolerance {
  /** The central-difference step (default 1e-2; inputs are float32). */
  step?: number;
  /** Indices of the inputs to check (default: every float32 input). */
  wrt?: readonly number[];
}

/** Deterministic weights in [-1, 1) for the scalar `sum(output * R)`. */
function outputWeights(size: number): Float64Array {
  const weights = new Float64Array(size);
  let state = 12345;
  for (let index = 0; index < size; index++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    weights[index] = (state / 2 ** 32) * 2 - 1;
  }
  return weights;
}

/**
 * Compares the autograd gradient of `sum(op(...inputs) * R)` (R fixed pseudo-random weights)
 * with central finite differences `(f(x + h) - f(x - h)) / 2h`, element by element, for each
 * float input. The inputs serve as templates: each evaluation gets fresh tensors, and
 * everything created is disposed. Throws naming the input and element on a mismatch.
 */
export function checkGradients(op: (...inputs: Tensor[]) => Tensor, templates: readonly Tensor[], options: GradientCheckOptions = {}): void {
  const step = options.step ?? 1e-2;
  const wrt = options.wrt ?? templates.flatMap((input, index) => (input.dtype === 'float32' ? [index] : []));
  const hosts = templates.map((input) => input.dataSync());
  const make = (index: number, values = hosts[index], requiresGrad = false): Tensor =>
    tensor(values as Float32Array, { shape: templates[index]!.shape, dtype: templates[index]!.dtype, requiresGrad });
  let weights: Float64Array | undefined;
  const evaluate = (replaced: number, values: Float32Array): number =>
    noGrad(() =>
      tidy(() => {
        const output = op(...templates.map((_, index) => make(index, index === replaced ? values : hosts[index])));
        const data = output.dataSync();
        weights ??= outputWeights(data.length);
        let total = 0;
        for (let index = 0; index < data.length; index++) total += (data[index] as number) * (weights[index] as number);
        return total;
      }),
    );
  const analytic = tidy(() => {
    const inputs = templates.map((_, index) => make(index, hosts[index], wrt.includes(index)));
    const output = op(...inputs);
    weights ??= outputWeights(output.size);
    const loss = sum(mul(output, tensor(Float32Array.from(weights), { shape: output.shape })));
    loss.backward();
    return wrt.map((index) => {
      const grad = inputs[index]!.grad;
      if (!grad) throw new Error(`checkGradients: no gradient reached input ${index}`);
      const values = Array.from(grad.dataSync());
      grad.dispose();
      return values;
    });
  });
  wrt.forEach((inputIndex, position) => {
    const base = hosts[inputIndex] as Float32Array;
    const numeric = Array.from(base, (_, element) => {
      const plus = Float32Array.from(base);
      const minus = Float32Array.from(base);
      plus[element] = (base[element] as number) + step;
      minus[element] = (base[element] as number) - step;
      return (evaluate(inputIndex, plus) - evaluate(inputIndex, minus)) / (Math.fround((base[element] as number) + step) - Math.fround((base[element] as number) - step));
    });
    assertCloseValues(`checkGradients input ${inputIndex}`, analytic[position] as number[], numeric, { atol: options.atol ?? 2e-3, rtol: options.rtol ?? 2e-2 });
  });
}
