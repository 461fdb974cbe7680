import { describe } from 'vitest';
import type { Backend } from '../../core/backend';
import type { AdamUpdateAttributes, KernelName, OptionalKernel, SgdUpdateAttributes } from '../../core/kernel-contracts';
import { runKernel } from '../../core/run-kernel';
import type { Tensor } from '../../core/tensor';
import { mul } from '../../ops/arithmetic';
import { tensor } from '../../ops/creation';
import { batchNorm } from '../../ops/nn/batch-norm';
import { sum } from '../../ops/reduce';
import { relu } from '../../ops/unary';
import type { ConformanceContext } from '../conformance-context';
import { backendWithoutKernel } from './backend-contract';
import { type HostTensor, compute } from '../host-tensor';
import { seededArray } from '../host-reference';

/** A view of a backend without several kernels. */
function backendWithout(backend: Backend, kernels: readonly KernelName[]): Backend {
  return kernels.reduce((limited, kernel) => backendWithoutKernel(limited, kernel), backend);
}

/** A float tensor of seeded values on a backend. */
function seededTensor(backend: Backend, shape: number[], seed: number, requiresGrad = false, low = -2, high = 2): Tensor {
  return tensor(Float32Array.from(seededArray(shape, seed, low, high).values), { shape, backend, requiresGrad });
}

/** One batch-norm call with every tensor it touches: output, running statistics and gradients. */
async function batchNormRun(backend: Backend, shape: number[], affine: boolean, training: boolean): Promise<HostTensor[]> {
  const channels = shape[1] as number;
  return compute(() => {
    const x = seededTensor(backend, shape, 31, true);
    const weight = affine ? seededTensor(backend, [channels], 32, true, 0.5, 1.5) : null;
    const bias = affine ? seededTensor(backend, [channels], 33, true) : null;
    const runningMean = seededTensor(backend, [channels], 34, false, -0.5, 0.5);
    const runningVar = seededTensor(backend, [channels], 35, false, 0.5, 1.5);
    const upstream = seededTensor(backend, shape, 36);
    const y = batchNorm(x, runningMean, runningVar, weight, bias, { training, momentum: 0.2 });
    sum(mul(y, upstream)).backward();
    const grads = [x.grad, weight?.grad, bias?.grad].filter((grad): grad is Tensor => Boolean(grad));
    return [y, runningMean, runningVar, ...grads];
  });
}

/** Forward values of an eval-mode batch norm that records no gradient. */
async function batchNormEvalRun(backend: Backend, shape: number[], affine: boolean): Promise<HostTensor[]> {
  const channels = shape[1] as number;
  return compute(() => {
    const x = seededTensor(backend, shape, 41);
    const weight = affine ? seededTensor(backend, [channels], 42, false, 0.5, 1.5) : null;
    const bias = affine ? seededTensor(backend, [channels], 43) : null;
    const runningMean = seededTensor(backend, [channels], 44, false, -0.5, 0.5);
    const runningVar = seededTensor(backend, [channels], 45, false, 0.5, 1.5);
    return [batchNorm(x, runningMean, runningVar, weight, bias, { training: false, eps: 1e-3 })];
  });
}

/** Checks two runs tensor by tensor. */
function expectSameRuns(context: ConformanceContext, op: string, actual: readonly HostTensor[], expected: readonly HostTensor[], label: string): void {
  if (actual.length !== expected.length) throw new Error(`${label}: ${actual.length} tensors, expected ${expected.length}`);
  actual.forEach((value, index) => context.expectTensor(op, value, expected[index] as HostTensor, `${label}, tensor ${index}`));
}

/** PyTorch 1.13's SGD step on the host (float64), for one parameter: [param, buffer?]. */
function hostSgd(param: readonly number[], grad: readonly number[], buffer: readonly number[] | undefined, options: SgdUpdateAttributes): number[][] {
  const next: number[] = [];
  const nextBuffer: number[] = [];
  param.forEach((value, index) => {
    let direction = (options.maximize ? -1 : 1) * (grad[index] as number) + options.weightDecay * value;
    if (options.momentum !== 0) {
      const momentumBuffer = buffer ? options.momentum * (buffer[index] as number) + (1 - options.dampening) * direction : direction;
      nextBuffer.push(momentumBuffer);
      direction = options.nesterov ? direction + options.momentum * momentumBuffer : momentumBuffer;
    }
    next.push(value - options.lr * direction);
  });
  return options.momentum !== 0 ? [next, nextBuffer] : [next];
}

/** PyTorch 1.13's Adam/AdamW step on the host (float64): [param, exp_avg, exp_avg_sq, max_exp_avg_sq?]. */
function hostAdam(inputs: readonly (readonly number[])[], options: AdamUpdateAttributes): number[][] {
  const [param, grad, expAvg, expAvgSq, maxExpAvgSq] = inputs as number[][];
  const outputs: number[][] = [[], [], [], []];
  (param as number[]).forEach((value, index) => {
    let p = options.decoupled ? value * (1 - options.lr * options.weightDecay) : value;
    let g = (options.maximize ? -1 : 1) * (grad as number[])[index]!;
    if (!options.decoupled) g += options.weightDecay * value;
    const m = options.beta1 * (expAvg as number[])[index]! + (1 - options.beta1) * g;
    const v = options.beta2 * (expAvgSq as number[])[index]! + (1 - options.beta2) * g * g;
    const vMax = options.amsgrad ? Math.max((maxExpAvgSq as number[])[index]!, v) : v;
    const denominator = Math.sqrt(vMax) / Math.sqrt(1 - options.beta2 ** options.step) + options.eps;
    p -= ((options.lr / (1 - options.beta1 ** options.step)) * m) / denominator;
    outputs[0]!.push(p);
    outputs[1]!.push(m);
    outputs[2]!.push(v);
    outputs[3]!.push(vMax);
  });
  return options.amsgrad ? outputs : outputs.slice(0, 3);
}

/** Runs an optimizer kernel on seeded tensors and compares with the host step. */
async function checkOptimizerKernel(
  context: ConformanceContext,
  kernel: 'sgdUpdate' | 'adamUpdate',
  inputCount: number,
  outputCount: number,
  attributes: SgdUpdateAttributes | AdamUpdateAttributes,
  expected: (inputs: number[][]) => number[][],
): Promise<void> {
  const shape = [5, 7];
  // Second moments (inputs 3 and 4 of adamUpdate) are non-negative.
  const ranges = (index: number): [number, number] => (kernel === 'adamUpdate' && index >= 3 ? [0, 0.5] : [-2, 2]);
  const inputs = Array.from({ length: inputCount }, (_, index) => seededArray(shape, 51 + index, ...ranges(index)).values.slice());
  const actual = await compute(() => {
    const tensors = inputs.map((values) => tensor(Float32Array.from(values), { shape, backend: context.backend }));
    const spec = { shape, dtype: 'float32' as const };
    return runKernel(kernel, tensors, Array.from({ length: outputCount }, () => spec), attributes as never);
  });
  const reference = expected(inputs.map((values) => Array.from(Float32Array.from(values))));
  actual.forEach((value, index) => context.expectTensor(kernel, value, { shape, values: reference[index] as number[] }, `${kernel} output ${index}`));
}

/**
 * The optional fused kernels (`OPTIONAL_KERNELS`): where the backend has one, the op that uses it
 * must agree with its composite (the same op on a view of the backend without the kernel), and the
 * optimizer kernels with PyTorch's update rule. A backend without a kernel passes its tests trivially.
 */
export function registerFusedKernelTests(context: ConformanceContext): void {
  const has = (kernel: OptionalKernel): boolean => context.backend.hasKernel(kernel);
  const composite = (): Backend => backendWithout(context.backend, ['batchNormTrain', 'batchNormInference', 'batchNormBackward', 'reluBackward']);

  describe('fused kernels', () => {
    const trainingCases: [string, number[], boolean][] = [
      ['[N, C]', [6, 3], true],
      ['[N, C, L]', [4, 3, 5], true],
      ['[N, C, H, W]', [3, 4, 5, 6], true],
      ['[N, C, H, W] without weight and bias', [3, 4, 5, 6], false],
    ];
    for (const [label, shape, affine] of trainingCases) {
      context.test(`batchNormTrain and batchNormBackward match the composite batch norm in training, ${label}`, ['batchNorm', 'norms', 'network'], async () => {
        if (!has('batchNormTrain')) return;
        const expected = await batchNormRun(composite(), shape, affine, true);
        expectSameRuns(context, 'network', await batchNormRun(context.backend, shape, affine, true), expected, 'fused batch norm');
        const forwardOnly = backendWithoutKernel(context.backend, 'batchNormBackward');
        expectSameRuns(context, 'network', await batchNormRun(forwardOnly, shape, affine, true), expected, 'fused batch norm with the composite gradient');
      });
    }

    for (const [label, shape, affine] of trainingCases) {
      context.test(`batchNormInference matches the composite batch norm in evaluation, ${label}`, ['batchNorm', 'norms', 'network'], async () => {
        if (!has('batchNormInference')) return;
        const expected = await batchNormEvalRun(composite(), shape, affine);
        expectSameRuns(context, 'network', await batchNormEvalRun(context.backend, shape, affine), expected, 'fused batch norm in evaluation');
      });
    }

    context.test('batchNorm in evaluation with gradients uses the composite and matches it', ['batchNorm', 'norms', 'network'], async () => {
      const expected = await batchNormRun(composite(), [3, 4, 5, 6], true, false);
      expectSameRuns(context, 'network', await batchNormRun(context.backend, [3, 4, 5, 6], true, false), expected, 'batch norm in evaluation');
    });

    context.test('reluBackward matches the composite relu gradient (zero at and below 0 and for NaN)', ['relu', 'activations', 'network'], async () => {
      if (!has('reluBackward')) return;
      const run = (backend: Backend) =>
        compute(() => {
          const x = tensor([-2, -0.5, 0, -0, 0.25, 3, -1, 7, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY], { shape: [11], backend, requiresGrad: true });
          const upstream = tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], { shape: [11], backend });
          sum(mul(relu(x), upstream)).backward();
          return [x.grad as Tensor];
        });
      expectSameRuns(context, 'relu', await run(context.backend), await run(composite()), 'relu gradient');
    });

    const sgdCases: [string, SgdUpdateAttributes, boolean][] = [
      ['plain', { lr: 0.1, momentum: 0, dampening: 0, weightDecay: 0, nesterov: false, maximize: false }, false],
      ['weight decay, maximize', { lr: 0.05, momentum: 0, dampening: 0, weightDecay: 0.01, nesterov: false, maximize: true }, false],
      ['momentum, first step', { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 5e-4, nesterov: false, maximize: false }, false],
      ['momentum with a buffer', { lr: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 5e-4, nesterov: false, maximize: false }, true],
      ['Nesterov with a buffer', { lr: 0.1, momentum: 0.8, dampening: 0, weightDecay: 1e-3, nesterov: true, maximize: false }, true],
    ];
    for (const [label, attributes, withBuffer] of sgdCases) {
      context.test(`sgdUpdate follows PyTorch's SGD step (${label})`, ['sgdUpdate'], async () => {
        if (!has('sgdUpdate')) return;
        const outputs = attributes.momentum !== 0 ? 2 : 1;
        await checkOptimizerKernel(context, 'sgdUpdate', withBuffer ? 3 : 2, outputs, attributes, ([param, grad, buffer]) =>
          hostSgd(param as number[], grad as number[], buffer, attributes),
        );
      });
    }

    const adamCases: [string, AdamUpdateAttributes][] = [
      ['Adam, step 1', { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, decoupled: false, maximize: false, amsgrad: false, step: 1 }],
      ['Adam with weight decay, step 3', { lr: 1e-2, beta1: 0.8, beta2: 0.99, eps: 1e-6, weightDecay: 0.1, decoupled: false, maximize: false, amsgrad: false, step: 3 }],
      ['AdamW, maximize', { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05, decoupled: true, maximize: true, amsgrad: false, step: 2 }],
      ['AdamW with AMSGrad', { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01, decoupled: true, maximize: false, amsgrad: true, step: 5 }],
    ];
    for (const [label, attributes] of adamCases) {
      context.test(`adamUpdate follows PyTorch's Adam step (${label})`, ['adamUpdate'], async () => {
        if (!has('adamUpdate')) return;
        const count = attributes.amsgrad ? 5 : 4;
        await checkOptimizerKernel(context, 'adamUpdate', count, count - 1, attributes, (inputs) => hostAdam(inputs, attributes));
      });
    }
  });
}
