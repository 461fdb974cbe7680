import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCpuBackend } from '../../cpu/cpu-backend';
import { memory, setDefaultBackend, tidy } from '../../core/engine';
import type { Tensor } from '../../core/tensor';
import { Generator } from '../../random/generator';
import { rand, randn } from '../../random/random-tensors';
import { tensor, zeros, ones } from '../creation';
import { mul } from '../arithmetic';
import { sum } from '../reduce';
import { elu, gelu, hardsigmoid, hardswish, leakyRelu, logSigmoid, mish, relu6, silu, softplus } from './activations';
import { adaptiveAvgPool2d } from './adaptive-avg-pool2d';
import { scaledDotProductAttention } from './attention';
import { avgPool2d } from './avg-pool2d';
import { batchNorm } from './batch-norm';
import { binaryCrossEntropyWithLogits } from './binary-cross-entropy';
import { conv2d } from './conv2d';
import { crossEntropy } from './cross-entropy';
import { dropPath, dropout } from './dropout';
import { groupNorm } from './group-norm';
import { interpolate } from './interpolate';
import { layerNorm } from './layer-norm';
import { maxPool2d } from './max-pool2d';
import { l1Loss, mseLoss, smoothL1Loss } from './regression-losses';
import { cosineSimilarity, normalize } from './similarity';
import { logSoftmax, softmax } from './softmax';

const backend = createCpuBackend({ threads: 1 });
beforeAll(() => setDefaultBackend(backend));
afterAll(() => backend.dispose());

const generator = new Generator(71);
const leaf = (shape: number[]) => randn(shape, { generator, requiresGrad: true });
const image = () => leaf([2, 4, 6, 6]);

/** An op case: `prepare` makes the inputs (leaves first), `apply` runs the op on them. */
interface OpCase {
  prepare: () => { leaves: Tensor[]; constants?: Tensor[] };
  apply: (leaves: Tensor[], constants: Tensor[]) => Tensor;
}

const unary = (shape: number[], apply: (x: Tensor) => Tensor): OpCase => ({ prepare: () => ({ leaves: [leaf(shape)] }), apply: ([x]) => apply(x as Tensor) });
const pair = (apply: (a: Tensor, b: Tensor) => Tensor): OpCase => ({ prepare: () => ({ leaves: [leaf([3, 4]), leaf([3, 4])] }), apply: ([a, b]) => apply(a as Tensor, b as Tensor) });

const ops: Record<string, OpCase> = {
  conv2d: { prepare: () => ({ leaves: [image(), leaf([6, 2, 3, 3]), leaf([6])] }), apply: ([x, w, b]) => conv2d(x as Tensor, w as Tensor, b, { groups: 2, padding: 'same' }) },
  depthwiseConv2d: { prepare: () => ({ leaves: [image(), leaf([4, 1, 3, 3])] }), apply: ([x, w]) => conv2d(x as Tensor, w as Tensor, null, { groups: 4, stride: 2, padding: 1 }) },
  unbatchedConv2d: { prepare: () => ({ leaves: [leaf([2, 5, 5]), leaf([3, 2, 1, 1])] }), apply: ([x, w]) => conv2d(x as Tensor, w as Tensor) },
  maxPool2d: unary([2, 4, 6, 6], (x) => maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true })),
  avgPool2d: unary([2, 4, 6, 6], (x) => avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false })),
  adaptiveAvgPool2d: unary([4, 6, 6], (x) => adaptiveAvgPool2d(x, [4, 5])),
  interpolate: unary([2, 4, 6, 6], (x) => interpolate(x, { scaleFactor: 2, mode: 'bicubic' })),
  interpolateArea: unary([2, 4, 6, 6], (x) => interpolate(x, { size: 4, mode: 'area' })),
  batchNormTraining: {
    prepare: () => ({ leaves: [image(), leaf([4]), leaf([4])], constants: [zeros([4]), ones([4])] }),
    apply: ([x, weight, bias], [mean, variance]) => batchNorm(x as Tensor, mean as Tensor, variance as Tensor, weight, bias, { training: true }),
  },
  batchNormEvaluation: {
    prepare: () => ({ leaves: [image()], constants: [zeros([4]), ones([4])] }),
    apply: ([x], [mean, variance]) => batchNorm(x as Tensor, mean as Tensor, variance as Tensor),
  },
  layerNorm: { prepare: () => ({ leaves: [leaf([2, 3, 5]), leaf([5]), leaf([5])] }), apply: ([x, w, b]) => layerNorm(x as Tensor, 5, w, b) },
  groupNorm: { prepare: () => ({ leaves: [image(), leaf([4]), leaf([4])] }), apply: ([x, w, b]) => groupNorm(x as Tensor, 2, w, b) },
  dropout: unary([3, 4], (x) => dropout(x, 0.4, true, generator)),
  dropoutEvaluation: unary([3, 4], (x) => dropout(x, 0.4, false)),
  dropPath: unary([3, 4], (x) => dropPath(x, 0.4, true, generator)),
  softmax: unary([3, 4], (x) => softmax(x, -1)),
  logSoftmax: unary([3, 4], (x) => logSoftmax(x, 0)),
  crossEntropy: {
    prepare: () => ({ leaves: [leaf([4, 3])], constants: [tensor(new Int32Array([0, 2, -100, 1])), tensor([1, 2, 0.5])] }),
    apply: ([x], [target, weight]) => crossEntropy(x as Tensor, target as Tensor, { weight: weight as Tensor, labelSmoothing: 0.1 }),
  },
  crossEntropySoft: {
    prepare: () => ({ leaves: [leaf([4, 3])], constants: [rand([4, 3], { generator })] }),
    apply: ([x], [target]) => crossEntropy(x as Tensor, target as Tensor, { labelSmoothing: 0.2 }),
  },
  binaryCrossEntropyWithLogits: {
    prepare: () => ({ leaves: [leaf([4, 3])], constants: [rand([4, 3], { generator }), tensor([1, 2, 3])] }),
    apply: ([x], [target, posWeight]) => binaryCrossEntropyWithLogits(x as Tensor, target as Tensor, { posWeight: posWeight as Tensor, weight: target as Tensor }),
  },
  l1Loss: pair((a, b) => l1Loss(a, b)),
  mseLoss: pair((a, b) => mseLoss(a, b, { reduction: 'sum' })),
  smoothL1Loss: pair((a, b) => smoothL1Loss(a, b, { beta: 0.5, reduction: 'none' })),
  attention: {
    prepare: () => ({ leaves: [leaf([2, 3, 4]), leaf([2, 5, 4]), leaf([2, 5, 2])], constants: [tensor([[true, false, true, true, false]])] }),
    apply: ([q, k, v], [mask]) => scaledDotProductAttention(q as Tensor, k as Tensor, v as Tensor, { mask: mask as Tensor, dropoutP: 0.2, generator }),
  },
  causalAttention: unary([1, 4, 3], (q) => scaledDotProductAttention(q, q, q, { isCausal: true })),
  cosineSimilarity: pair((a, b) => cosineSimilarity(a, b)),
  normalize: unary([3, 4], (x) => normalize(x, { p: 3, axis: -1 })),
  relu6: unary([10], relu6),
  leakyRelu: unary([10], (x) => leakyRelu(x, 0.2)),
  elu: unary([10], (x) => elu(x)),
  gelu: unary([10], (x) => gelu(x)),
  geluTanh: unary([10], (x) => gelu(x, 'tanh')),
  silu: unary([10], silu),
  hardswish: unary([10], hardswish),
  hardsigmoid: unary([10], hardsigmoid),
  softplus: unary([10], (x) => softplus(x, 2, 3)),
  mish: unary([10], mish),
  logSigmoid: unary([10], logSigmoid),
};

describe('memory', () => {
  for (const [name, { prepare, apply }] of Object.entries(ops)) {
    it(`${name}: forward and backward leave no tensor behind, with or without tidy`, () => {
      const { leaves, constants = [] } = prepare();
      const before = memory();
      // Without tidy: the op and its backward must dispose their own intermediates.
      const output = apply(leaves, constants);
      const scaled = mul(output, 0.5);
      const loss = sum(scaled);
      loss.backward();
      for (const input of leaves) {
        expect(input.grad, `${name}: a leaf got no gradient`).not.toBeNull();
        input.grad?.dispose();
        input.grad = null;
      }
      for (const tensor of [output, scaled, loss]) tensor.dispose();
      expect(memory().tensors).toBe(before.tensors);
      expect(memory().bytes).toBe(before.bytes);
      // Inside tidy, the graph of an output that is never backpropagated is freed too.
      tidy(() => {
        const unused = apply(leaves, constants);
        sum(unused);
      });
      expect(memory().tensors).toBe(before.tensors);
      for (const tensor of [...leaves, ...constants]) tensor.dispose();
    });
  }
});
