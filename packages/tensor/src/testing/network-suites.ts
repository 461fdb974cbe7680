import type { Tensor } from '../core/tensor';
import activationCases from '../ops/nn/__fixtures__/activations.json' with { type: 'json' };
import attentionCases from '../ops/nn/__fixtures__/attention.json' with { type: 'json' };
import conv2dCases from '../ops/nn/__fixtures__/conv2d.json' with { type: 'json' };
import interpolateCases from '../ops/nn/__fixtures__/interpolate.json' with { type: 'json' };
import lossCases from '../ops/nn/__fixtures__/losses.json' with { type: 'json' };
import normCases from '../ops/nn/__fixtures__/norms.json' with { type: 'json' };
import poolCases from '../ops/nn/__fixtures__/pool2d.json' with { type: 'json' };
import similarityCases from '../ops/nn/__fixtures__/similarity.json' with { type: 'json' };
import softmaxCases from '../ops/nn/__fixtures__/softmax.json' with { type: 'json' };
import { elu, gelu, hardsigmoid, hardswish, leakyRelu, logSigmoid, mish, relu6, silu, softplus } from '../ops/nn/activations';
import { type AdaptiveSize, adaptiveAvgPool2d } from '../ops/nn/adaptive-avg-pool2d';
import { scaledDotProductAttention } from '../ops/nn/attention';
import { type AvgPool2dOptions, avgPool2d } from '../ops/nn/avg-pool2d';
import { type BatchNormOptions, batchNorm } from '../ops/nn/batch-norm';
import { binaryCrossEntropyWithLogits } from '../ops/nn/binary-cross-entropy';
import { type Conv2dOptions, conv2d } from '../ops/nn/conv2d';
import { crossEntropy } from '../ops/nn/cross-entropy';
import { groupNorm } from '../ops/nn/group-norm';
import { type InterpolateOptions, interpolate } from '../ops/nn/interpolate';
import { layerNorm } from '../ops/nn/layer-norm';
import type { LossReduction } from '../ops/nn/loss-reduction';
import { type MaxPool2dOptions, maxPool2d, maxPool2dWithIndices } from '../ops/nn/max-pool2d';
import type { Pair } from '../ops/nn/pair';
import { l1Loss, mseLoss, smoothL1Loss } from '../ops/nn/regression-losses';
import { cosineSimilarity, normalize } from '../ops/nn/similarity';
import { logSoftmax, softmax } from '../ops/nn/softmax';
import type { CheckInput } from './finite-difference';
import { distinctArray, seededArray } from './host-reference';
import type { NetworkFixtureFile, NetworkGradientCheck, NetworkSuite } from './network-fixtures';

type Options = Record<string, unknown>;

function input(inputs: Record<string, Tensor>, name: string): Tensor {
  const value = inputs[name];
  if (!value) throw new Error(`network case: input ${name} is missing`);
  return value;
}

/** A float input of seeded values for a finite-difference check. */
function seeded(shape: number[], seed: number, low = -2, high = 2): CheckInput {
  return { shape, values: seededArray(shape, seed, low, high).values };
}

/** Distinct values 0.25 apart, so that finite differences never cross a tie (pooling, max). */
function separated(shape: number[], seed: number): CheckInput {
  return { shape, values: distinctArray(shape, seed).values };
}

function check(title: string, inputs: CheckInput[], forward: (...values: Tensor[]) => Tensor): NetworkGradientCheck {
  return { title, check: { inputs, forward } };
}

/** PyTorch's snake_case pooling options as this package's options. */
function poolOptions(raw: Options): { kernel: Pair; options: MaxPool2dOptions & AvgPool2dOptions } {
  const options: MaxPool2dOptions & AvgPool2dOptions = {};
  if (raw.stride !== undefined) options.stride = raw.stride as Pair;
  if (raw.padding !== undefined) options.padding = raw.padding as Pair;
  if (raw.dilation !== undefined) options.dilation = raw.dilation as Pair;
  if (raw.ceil_mode !== undefined) options.ceilMode = raw.ceil_mode as boolean;
  if (raw.count_include_pad !== undefined) options.countIncludePad = raw.count_include_pad as boolean;
  if (raw.divisor_override !== undefined) options.divisorOverride = raw.divisor_override as number;
  return { kernel: raw.kernel_size as Pair, options };
}

function interpolateOptions(raw: Options): InterpolateOptions {
  const options: InterpolateOptions = { mode: raw.mode as InterpolateOptions['mode'] };
  if (raw.size !== null && raw.size !== undefined) options.size = raw.size as Pair;
  if (raw.scaleFactor !== null && raw.scaleFactor !== undefined) options.scaleFactor = raw.scaleFactor as number;
  if (raw.align_corners !== undefined) options.alignCorners = raw.align_corners as boolean;
  return options;
}

/** The activation of each case of `activations.json` (its options hold the arguments). */
const ACTIVATION_OF: Record<string, string> = {
  relu6: 'relu6',
  leakyRelu: 'leakyRelu',
  'leakyRelu0.2': 'leakyRelu',
  elu: 'elu',
  'elu0.5': 'elu',
  gelu: 'gelu',
  geluTanh: 'gelu',
  silu: 'silu',
  hardswish: 'hardswish',
  hardsigmoid: 'hardsigmoid',
  softplus: 'softplus',
  softplusBeta: 'softplus',
  mish: 'mish',
  logSigmoid: 'logSigmoid',
};

const ACTIVATIONS: Record<string, (x: Tensor, options: Options) => Tensor> = {
  relu6: (x) => relu6(x),
  leakyRelu: (x, options) => leakyRelu(x, (options.negativeSlope as number | undefined) ?? 0.01),
  elu: (x, options) => elu(x, (options.alpha as number | undefined) ?? 1),
  gelu: (x, options) => gelu(x, (options.approximate as 'none' | 'tanh' | undefined) ?? 'none'),
  silu: (x) => silu(x),
  hardswish: (x) => hardswish(x),
  hardsigmoid: (x) => hardsigmoid(x),
  softplus: (x, options) => softplus(x, (options.beta as number | undefined) ?? 1, (options.threshold as number | undefined) ?? 20),
  mish: (x) => mish(x),
  logSigmoid: (x) => logSigmoid(x),
};

const lossOp = (name: string): string => {
  if (name.startsWith('bce')) return 'binaryCrossEntropyWithLogits';
  if (name.startsWith('ce')) return 'crossEntropy';
  if (name.startsWith('smoothL1')) return 'smoothL1Loss';
  return name.startsWith('l1') ? 'l1Loss' : 'mseLoss';
};

const poolOp = (name: string): string => (name.startsWith('max') ? 'maxPool2d' : name.startsWith('avg') ? 'avgPool2d' : 'adaptiveAvgPool2d');
const normOp = (name: string): string => (name.startsWith('batch') ? 'batchNorm' : name.startsWith('layer') ? 'layerNorm' : 'groupNorm');

/** Activation gradient points: at least 0.1 away from the kinks of relu6, leakyRelu, elu, hardswish and hardsigmoid (0, ±3, 6). */
const ACTIVATION_POINTS: CheckInput = { shape: [2, 5], values: [-4.2, -2.5, -1.3, -0.6, -0.2, 0.3, 0.8, 1.7, 3.6, 6.5] };

/**
 * The network ops under the suite: one entry per fixture file of `src/ops/nn/__fixtures__/`
 * (written by `scripts/generate-nn-fixtures.py`), with finite-difference checks of each op.
 */
export const NETWORK_SUITES: readonly NetworkSuite[] = [
  {
    title: 'activations',
    file: 'activations',
    tag: 'activations',
    fixtures: activationCases as unknown as NetworkFixtureFile,
    opOf: (name) => ACTIVATION_OF[name] ?? name,
    run: (name, inputs, options) => {
      const op = ACTIVATIONS[ACTIVATION_OF[name] ?? name];
      if (!op) throw new Error(`activations: no activation for the case ${name}`);
      return op(input(inputs, 'x'), options);
    },
    gradientChecks: Object.entries(ACTIVATIONS).map(([name, op]) =>
      check(`${name}: gradient matches finite differences`, [ACTIVATION_POINTS], (x) => op(x, name === 'gelu' ? { approximate: 'tanh' } : {})),
    ),
  },
  {
    title: 'conv2d',
    file: 'conv2d',
    tag: 'conv2d',
    fixtures: conv2dCases as unknown as NetworkFixtureFile,
    run: (_, inputs, options) => conv2d(input(inputs, 'x'), input(inputs, 'w'), inputs.b ?? null, options as Conv2dOptions),
    gradientChecks: [
      check('conv2d: gradients with stride, padding and dilation', [seeded([1, 2, 4, 5], 1), seeded([3, 2, 3, 2], 2), seeded([3], 3)], (x, w, b) =>
        conv2d(x, w, b, { stride: [2, 1], padding: [1, 0], dilation: [1, 2] }),
      ),
      check('conv2d: gradients with groups', [seeded([1, 4, 3, 3], 4), seeded([4, 2, 2, 2], 5)], (x, w) => conv2d(x, w, null, { groups: 2, padding: 1 })),
      check('conv2d: gradients of a depthwise convolution', [seeded([1, 3, 4, 4], 6), seeded([3, 1, 3, 3], 7)], (x, w) => conv2d(x, w, null, { groups: 3, padding: 1, stride: 2 })),
    ],
  },
  {
    title: 'pooling',
    file: 'pool2d',
    tag: 'pooling',
    fixtures: poolCases as unknown as NetworkFixtureFile,
    opOf: poolOp,
    run: (name, inputs, raw) => {
      const x = input(inputs, 'x');
      if (name.startsWith('adaptive')) return adaptiveAvgPool2d(x, raw.outputSize as AdaptiveSize);
      const { kernel, options } = poolOptions(raw);
      if (name.startsWith('avg')) return avgPool2d(x, kernel, options);
      const { values, indices } = maxPool2dWithIndices(x, kernel, options);
      return { output: values, indices };
    },
    gradientChecks: [
      check('maxPool2d: gradient with padding and ceil mode', [separated([1, 2, 5, 5], 8)], (x) => maxPool2d(x, 3, { stride: 2, padding: 1, ceilMode: true })),
      check('avgPool2d: gradient excluding padding', [seeded([1, 2, 5, 5], 9)], (x) => avgPool2d(x, 3, { stride: 2, padding: 1, countIncludePad: false, ceilMode: true })),
      check('adaptiveAvgPool2d: gradient of overlapping windows', [seeded([1, 2, 5, 4], 10)], (x) => adaptiveAvgPool2d(x, [3, 3])),
    ],
  },
  {
    title: 'normalisation',
    file: 'norms',
    tag: 'norms',
    fixtures: normCases as unknown as NetworkFixtureFile,
    opOf: normOp,
    frozen: ['runningMean', 'runningVar'],
    run: (name, inputs, options) => {
      const x = input(inputs, 'x');
      if (name.startsWith('batch')) {
        return batchNorm(x, input(inputs, 'runningMean'), input(inputs, 'runningVar'), inputs.weight ?? null, inputs.bias ?? null, options as BatchNormOptions);
      }
      if (name.startsWith('layer')) return layerNorm(x, options.normalizedShape as number[], inputs.weight ?? null, inputs.bias ?? null, options.eps as number);
      return groupNorm(x, options.numGroups as number, inputs.weight ?? null, inputs.bias ?? null, options.eps as number);
    },
    gradientChecks: [
      check('batchNorm: training gradients of input, weight and bias', [seeded([4, 3], 11), seeded([3], 12, 0.5, 1.5), seeded([3], 13)], (x, w, b) =>
        batchNorm(x, null, null, w, b, { training: true }),
      ),
      check('layerNorm: gradients over the last two axes', [seeded([2, 2, 3], 14), seeded([2, 3], 15, 0.5, 1.5), seeded([2, 3], 16)], (x, w, b) => layerNorm(x, [2, 3], w, b)),
      check('groupNorm: gradients with two groups', [seeded([2, 4, 3], 17), seeded([4], 18, 0.5, 1.5), seeded([4], 19)], (x, w, b) => groupNorm(x, 2, w, b)),
    ],
  },
  {
    title: 'losses',
    file: 'losses',
    tag: 'losses',
    fixtures: lossCases as unknown as NetworkFixtureFile,
    opOf: lossOp,
    run: (name, inputs, options) => {
      const reduction = options.reduction as LossReduction;
      if (name.startsWith('bce')) {
        return binaryCrossEntropyWithLogits(input(inputs, 'logits'), input(inputs, 'target'), { reduction, weight: inputs.weight ?? null, posWeight: inputs.posWeight ?? null });
      }
      if (name.startsWith('ce')) {
        return crossEntropy(input(inputs, 'logits'), input(inputs, 'target'), {
          reduction,
          weight: inputs.weight ?? null,
          ignoreIndex: options.ignoreIndex as number,
          labelSmoothing: options.labelSmoothing as number,
        });
      }
      if (name.startsWith('smoothL1')) return smoothL1Loss(input(inputs, 'input'), input(inputs, 'target'), { reduction, beta: (options.beta as number | undefined) ?? 1 });
      return (name.startsWith('l1') ? l1Loss : mseLoss)(input(inputs, 'input'), input(inputs, 'target'), { reduction });
    },
    gradientChecks: [
      check('crossEntropy: gradient with label smoothing and class indices', [seeded([3, 4], 20), { shape: [3], values: [2, 0, 3], dtype: 'int32' }], (logits, target) =>
        crossEntropy(logits, target, { labelSmoothing: 0.1 }),
      ),
      check('binaryCrossEntropyWithLogits: gradient with soft targets', [seeded([2, 3], 21), { ...seeded([2, 3], 22, 0, 1), differentiable: false }], (logits, target) =>
        binaryCrossEntropyWithLogits(logits, target),
      ),
      check('smoothL1Loss: gradients away from the quadratic-linear switch', [seeded([2, 3], 23), { shape: [2, 3], values: [0.9, -1.1, 0.4, 1.7, -0.2, 0.05] }], (a, b) =>
        smoothL1Loss(a, b, { beta: 0.5, reduction: 'sum' }),
      ),
    ],
  },
  {
    title: 'softmax',
    file: 'softmax',
    tag: 'softmax',
    fixtures: softmaxCases as unknown as NetworkFixtureFile,
    opOf: (name) => (name.startsWith('logSoftmax') ? 'logSoftmax' : 'softmax'),
    run: (name, inputs, options) => (name.startsWith('logSoftmax') ? logSoftmax : softmax)(input(inputs, 'x'), options.axis as number),
    gradientChecks: [
      check('softmax: gradient over the middle axis', [seeded([2, 3, 2], 24)], (x) => softmax(x, 1)),
      check('logSoftmax: gradient over the last axis', [seeded([2, 5], 25)], (x) => logSoftmax(x, -1)),
    ],
  },
  {
    title: 'interpolate',
    file: 'interpolate',
    tag: 'interpolate',
    fixtures: interpolateCases as unknown as NetworkFixtureFile,
    run: (_, inputs, options) => interpolate(input(inputs, 'x'), interpolateOptions(options)),
    gradientChecks: [
      check('interpolate: bilinear gradient', [seeded([1, 1, 3, 4], 26)], (x) => interpolate(x, { size: [5, 6], mode: 'bilinear' })),
      check('interpolate: bicubic gradient with aligned corners', [seeded([1, 1, 3, 3], 27)], (x) => interpolate(x, { size: [4, 5], mode: 'bicubic', alignCorners: true })),
    ],
  },
  {
    title: 'attention',
    file: 'attention',
    tag: 'scaledDotProductAttention',
    fixtures: attentionCases as unknown as NetworkFixtureFile,
    frozen: ['mask'],
    run: (_, inputs, options) =>
      scaledDotProductAttention(input(inputs, 'q'), input(inputs, 'k'), input(inputs, 'v'), {
        ...(options as { scale?: number; isCausal?: boolean }),
        mask: inputs.mask ?? null,
      }),
    gradientChecks: [
      check('scaledDotProductAttention: causal gradients of query, key and value', [seeded([1, 3, 4], 28), seeded([1, 3, 4], 29), seeded([1, 3, 2], 30)], (q, k, v) =>
        scaledDotProductAttention(q, k, v, { isCausal: true }),
      ),
    ],
  },
  {
    title: 'similarity',
    file: 'similarity',
    tag: 'similarity',
    fixtures: similarityCases as unknown as NetworkFixtureFile,
    opOf: (name) => (name.startsWith('cosine') ? 'cosineSimilarity' : 'normalize'),
    run: (name, inputs, options) =>
      name.startsWith('cosine')
        ? cosineSimilarity(input(inputs, 'a'), input(inputs, 'b'), options.axis as number, options.eps as number)
        : normalize(input(inputs, 'x'), { p: (options.p as number | undefined) ?? 2, axis: options.axis as number, eps: options.eps as number }),
    gradientChecks: [
      check('cosineSimilarity: gradients of both operands', [seeded([3, 4], 31), seeded([3, 4], 32)], (a, b) => cosineSimilarity(a, b, 1)),
      check('normalize: gradient for p = 3', [seeded([2, 4], 33)], (x) => normalize(x, { p: 3, axis: -1 })),
    ],
  },
];
