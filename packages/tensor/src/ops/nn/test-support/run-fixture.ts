import { tidy } from '../../../core/engine';
import type { Tensor } from '../../../core/tensor';
import { mul } from '../../arithmetic';
import { sum } from '../../reduce';
import { type Tolerance, assertCloseToFixture } from './assert-close';
import { type FixtureCase, fixtureTensor } from './fixtures';

/** What {@link runFixture} compares: the outputs, and the gradients too unless `forwardOnly`. */
export interface RunFixtureOptions {
  /** Tolerance of the outputs. */
  output?: Tolerance;
  /** Tolerance of the gradients (default: the output tolerance). */
  grad?: Tolerance;
  /** Inputs not to differentiate (for example running statistics). */
  frozen?: readonly string[];
}

/**
 * Runs `op` on a fixture case's inputs (float inputs require grad), compares every output the case
 * lists (an op returns one tensor, named `output`, or a record of named tensors), then
 * backpropagates `sum(output * R)` and compares each gradient the case lists. Everything it
 * creates is disposed. `inspect` may look at the inputs after the op (say, updated running stats).
 */
export function runFixture(
  name: string,
  fixture: FixtureCase,
  op: (inputs: Record<string, Tensor>) => Tensor | Record<string, Tensor>,
  options: RunFixtureOptions = {},
  inspect?: (inputs: Record<string, Tensor>) => void,
): void {
  tidy(() => {
    const inputs: Record<string, Tensor> = {};
    for (const [key, value] of Object.entries(fixture.inputs)) {
      inputs[key] = fixtureTensor(value, { requiresGrad: value.dtype === 'float32' && !options.frozen?.includes(key) && fixture.grads?.[key] !== undefined });
    }
    const result = op(inputs);
    const outputs: Record<string, Tensor> = 'shape' in result && typeof (result as Tensor).dataSync === 'function' ? { output: result as Tensor } : (result as Record<string, Tensor>);
    for (const [key, expected] of Object.entries(fixture.outputs)) {
      const actual = outputs[key];
      if (actual) assertCloseToFixture(`${name} ${key}`, actual, expected, options.output);
    }
    inspect?.(inputs);
    if (!fixture.grads || Object.keys(fixture.grads).length === 0) return;
    const output = outputs.output as Tensor;
    const loss = sum(mul(output, fixtureTensor(fixture.gradOutput)));
    loss.backward();
    for (const [key, expected] of Object.entries(fixture.grads)) {
      const input = inputs[key] as Tensor;
      if (!input.grad) throw new Error(`${name}: no gradient reached input ${key}`);
      assertCloseToFixture(`${name} grad ${key}`, input.grad, expected, options.grad ?? options.output);
      input.grad.dispose();
    }
  });
}
